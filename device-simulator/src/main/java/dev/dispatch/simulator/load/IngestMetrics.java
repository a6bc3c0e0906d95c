package dev.dispatch.simulator.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import io.smallrye.mutiny.Uni;

/** Reads iot-ingest's counters (MQTT ingest, CoAP) from its Prometheus endpoint ({@code /q/metrics}). */
public final class IngestMetrics {

    private final URI url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public IngestMetrics(URI url) {
        this.url = url;
    }

    public URI url() {
        return url;
    }

    public Uni<IngestCounters> read() {
        return text().map(IngestMetrics::parse);
    }

    /** The CoAP counters ({@code dispatch_coap_*}). */
    public Uni<CoapIngestCounters> readCoap() {
        return text().map(CoapIngestCounters::parse);
    }

    private Uni<String> text() {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5))
                .header("Accept", "text/plain").GET().build();
        return Uni.createFrom().completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .map(response -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException(url + " answered " + response.statusCode());
                    }
                    return response.body();
                });
    }

    static IngestCounters parse(String exposition) {
        return new IngestCounters(
                PrometheusText.sum(exposition, IngestCounters.ACCEPTED, Map.of("kind", "telemetry")),
                PrometheusText.sum(exposition, IngestCounters.STORED, Map.of()),
                PrometheusText.sum(exposition, IngestCounters.REJECTED, Map.of()));
    }
}
