package dev.dispatch.simulator.load;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * iot-ingest's CoAP counters at one moment; a counter it does not (yet) report is empty.
 *
 * @param readings {@code dispatch_coap_readings_total}: readings accepted (stored) over CoAP
 * @param rejected {@code dispatch_coap_rejected_total}, every reason summed
 */
public record CoapIngestCounters(OptionalDouble readings, OptionalDouble rejected) {

    public static final String READINGS = "dispatch_coap_readings_total";
    public static final String REJECTED = "dispatch_coap_rejected_total";

    static CoapIngestCounters parse(String exposition) {
        return new CoapIngestCounters(PrometheusText.sum(exposition, READINGS, Map.of()),
                PrometheusText.sum(exposition, REJECTED, Map.of()));
    }
}
