package dev.dispatch.simulator.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.sun.net.httpserver.HttpServer;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.dispatch.simulator.coap.CoapSettings;
import dev.dispatch.simulator.contract.CoapContract;
import dev.dispatch.simulator.contract.SensorCredentials;
import dev.dispatch.simulator.support.TinyCoapServer;
import dev.dispatch.testsupport.contracts.Contracts;

/**
 * The CoAP load mode against a real Californium server in the test JVM (over DTLS and plain UDP); iot-ingest's
 * metrics endpoint is played by a small HTTP server that counts what that server received.
 */
class CoapLoadRunTest {

    private static final Duration BOUND = Duration.ofSeconds(30);

    private final TinyCoapServer server = new TinyCoapServer();
    private HttpServer metrics;

    @AfterEach
    void tearDown() {
        server.close();
        if (metrics != null) {
            metrics.stop(0);
        }
    }

    @Test
    void overCoapsEverySensorHandshakesFirstThenEveryRequestIsCountedWithItsAnswerAndLatency() throws Exception {
        List<SensorCredentials> sensors = sensors("dtls-", 3);
        URI url = serveMetrics(() -> "# TYPE dispatch_coap_readings_total counter\n"
                + "dispatch_coap_readings_total " + server.received().size() + ".0\n"
                + "dispatch_coap_rejected_total{reason=\"malformed\"} 3.0\n"
                + "dispatch_coap_rejected_total{reason=\"unknown-sensor\"} 1.0\n");

        CoapLoadReport report = new CoapLoadRun(sensors, CoapSettings.secure("127.0.0.1", server.securePort()), 15,
                Duration.ofSeconds(2), Optional.of(url), BOUND, BOUND).run();

        assertThat(report.sent()).isBetween(20L, 40L);
        assertThat(report.changed()).isEqualTo(report.sent());
        assertThat(report.noAnswer()).isZero();
        assertThat(report.tooMany()).isZero();
        assertThat(report.otherAnswers()).isEmpty();
        // What the report counts is what went over the wire, each from its own sensor's DTLS session.
        assertThat(server.received()).hasSize((int) report.sent()).allSatisfy(received -> {
            assertThat(received.pskIdentity()).isEqualTo(received.sensorId()).startsWith("dtls-");
            Contracts.assertValidCoap(CoapContract.readingsPath(received.sensorId()), received.payload());
        });
        assertThat(report.p50().orElseThrow()).isLessThanOrEqualTo(report.p99().orElseThrow());
        assertThat(report.p99().orElseThrow()).isLessThanOrEqualTo(report.max().orElseThrow());
        assertThat(report.metricsNote()).isNull();
        assertThat(report.catchUp()).isPresent();
        assertThat(report.lines().get(0)).isEqualTo("coap load: 3 sensors over coaps (CON, JSON), 15 requests/s in total (5/s each), for 2 s");
        assertThat(report.lines()).anySatisfy(l -> assertThat(l).contains("is above iot-ingest's limit of 20 in 10 s: expect 4.29"))
                .anySatisfy(l -> assertThat(l).contains("readings +" + report.changed() + " (dispatch_coap_readings_total), rejected +0"))
                .anySatisfy(l -> assertThat(l).contains("2.04 Changed, 0 4.29 Too Many Requests, 0 other, 0 no answer"));
    }

    @Test
    void nonConfirmableOverPlainCoapWithOtherAnswersCountedByCode() throws Exception {
        server.answerWith(ResponseCode.TOO_MANY_REQUESTS, "slow down");

        CoapLoadReport report = new CoapLoadRun(sensors("plain-", 2), CoapSettings.plain("127.0.0.1", server.plainPort())
                .withConfirmable(false), 10, Duration.ofSeconds(1), Optional.empty(), BOUND, BOUND).run();

        assertThat(report.sent()).isPositive();
        assertThat(report.tooMany()).isEqualTo(report.sent());
        assertThat(report.changed()).isZero();
        assertThat(report.p50()).isEmpty();
        assertThat(report.lines()).anySatisfy(l -> assertThat(l).contains("not measured (no --metrics-url)"))
                .anySatisfy(l -> assertThat(l).startsWith("coap load: 2 sensors over coap (NON, JSON)"));

        server.answerWith(ResponseCode.BAD_REQUEST, "nope");
        CoapLoadReport refused = new CoapLoadRun(sensors("plain-", 1), CoapSettings.plain("127.0.0.1", server.plainPort()),
                5, Duration.ofSeconds(1), Optional.empty(), BOUND, BOUND).run();
        assertThat(refused.otherAnswers()).containsEntry("4.00", refused.sent());
        assertThat(refused.lines()).anySatisfy(l -> assertThat(l).contains(refused.sent() + " other (" + refused.sent() + " 4.00)"));
    }

    @Test
    void sensorsWhoseHandshakeFailsFailTheRunBeforeItMeasures() {
        server.key("wrong-1", "theRightKeyabcdefghijklm");
        List<SensorCredentials> sensors = List.of(new SensorCredentials("wrong-1", "wrong-1", "aWrongKeyabcdefghijklmno", ""));

        assertThatThrownBy(() -> new CoapLoadRun(sensors, CoapSettings.secure("127.0.0.1", server.securePort()), 5,
                Duration.ofSeconds(1), Optional.empty(), BOUND, Duration.ofSeconds(2)).run())
                .isInstanceOf(CoapLoadRun.CoapLoadFailed.class)
                .hasMessageStartingWith("1 of 1 sensors got no 2.05 to GET config within 2 s")
                .hasMessageContaining("a refused DTLS handshake");
        assertThat(server.received()).isEmpty();
    }

    private List<SensorCredentials> sensors(String prefix, int count) {
        List<SensorCredentials> sensors = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String key = "key-of-" + prefix + i + "-abcdefghijk";
            server.key(prefix + i, key);
            sensors.add(new SensorCredentials(prefix + i, prefix + i, key, ""));
        }
        return sensors;
    }

    private URI serveMetrics(java.util.function.Supplier<String> body) throws IOException {
        metrics = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        metrics.createContext("/q/metrics", exchange -> {
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        metrics.start();
        return URI.create("http://127.0.0.1:" + metrics.getAddress().getPort() + "/q/metrics");
    }
}
