package dev.dispatch.simulator.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import dev.dispatch.simulator.contract.CoapContract;

/**
 * What a CoAP ingest load run measured.
 *
 * @param transport   e.g. "coaps (CON, JSON)"
 * @param connectTime from the first GET of a configuration to the last answer (DTLS handshakes included)
 * @param sendWindow  from the first request of the timed phase to the last
 * @param changed     answered 2.04 Changed; {@code tooMany} 4.29; {@code otherAnswers} every other code, counted
 * @param noAnswer    requests that got no answer (within the request timeout, or before the end of the run)
 * @param metricsNote why iot-ingest's counters are missing, or null when they were read
 * @param catchUp     from the last request sent until iot-ingest's readings counter had grown by {@code changed}
 */
public record CoapLoadReport(
        int sensors,
        String transport,
        double targetRate,
        Duration duration,
        Duration connectTime,
        Duration sendWindow,
        long sent,
        long changed,
        long tooMany,
        Map<String, Long> otherAnswers,
        long noAnswer,
        Optional<Duration> p50,
        Optional<Duration> p99,
        Optional<Duration> max,
        String metricsUrl,
        CoapIngestCounters before,
        CoapIngestCounters after,
        String metricsNote,
        Optional<Duration> catchUp,
        String catchUpNote) {

    public double sentPerSecond() {
        double seconds = sendWindow.toNanos() / 1e9;
        return seconds <= 0 ? 0 : sent / seconds;
    }

    public long otherAnswerCount() {
        return otherAnswers.values().stream().mapToLong(Long::longValue).sum();
    }

    public List<String> lines() {
        double perSensor = targetRate / sensors;
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "coap load: %d sensors over %s, %s requests/s in total (%s/s each), for %s s",
                sensors, transport, number(targetRate), number(perSensor), seconds(duration)));
        if (perSensor > (double) CoapContract.RATE_LIMIT_REQUESTS / CoapContract.RATE_WINDOW_SECONDS) {
            lines.add(String.format(Locale.ROOT, "  note        %s requests/s per sensor is above iot-ingest's limit of %d in %d s: expect 4.29",
                    number(perSensor), CoapContract.RATE_LIMIT_REQUESTS, CoapContract.RATE_WINDOW_SECONDS));
        }
        lines.add(String.format(Locale.ROOT, "  connect     %d sensors answered GET config in %s s", sensors, seconds(connectTime)));
        lines.add(String.format(Locale.ROOT, "  sent        %d requests in %s s: %.1f/s (target %s/s)",
                sent, seconds(sendWindow), sentPerSecond(), number(targetRate)));
        StringBuilder other = new StringBuilder();
        otherAnswers.forEach((code, count) -> other.append(other.isEmpty() ? "" : ", ").append(count).append(" ").append(code));
        lines.add(String.format(Locale.ROOT, "  answered    %d 2.04 Changed, %d 4.29 Too Many Requests, %d other%s, %d no answer",
                changed, tooMany, otherAnswerCount(), other.isEmpty() ? "" : " (" + other + ")", noAnswer));
        lines.add("  latency     request to 2.04 p50 " + millis(p50) + ", p99 " + millis(p99) + ", max " + millis(max));
        if (metricsUrl == null) {
            lines.add("  iot-ingest  not measured (no --metrics-url)");
        } else if (metricsNote != null) {
            lines.add("  iot-ingest  " + metricsNote);
        } else {
            lines.add("  iot-ingest  readings " + delta(before.readings(), after.readings()) + " (" + CoapIngestCounters.READINGS
                    + "), rejected " + delta(before.rejected(), after.rejected()) + " (" + CoapIngestCounters.REJECTED + ") at "
                    + metricsUrl);
            lines.add("  caught up   " + catchUp.map(d -> "the readings counter reached the 2.04 count " + d.toMillis()
                    + " ms after the last send").orElse(catchUpNote));
        }
        return lines;
    }

    static String delta(OptionalDouble before, OptionalDouble after) {
        return IngestCounters.delta(before, after);
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.2f", value).replaceAll("\\.?0+$", "");
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.3f", d.toNanos() / 1e9).replaceAll("\\.?0+$", "");
    }

    private static String millis(Optional<Duration> d) {
        return d.map(v -> String.format(Locale.ROOT, "%.2f ms", v.toNanos() / 1e6)).orElse("n/a");
    }
}
