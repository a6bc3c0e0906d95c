package dev.dispatch.simulator.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a load run measured.
 *
 * @param sendWindow from the moment telemetry was switched on to the last reading sent
 * @param failed sent but never acknowledged; {@code notSent} were due while a device was offline
 * @param metricsNote why iot-ingest's counters are missing, or null when they were read
 * @param storedCatchUp from the last reading sent until the stored counter had grown by {@code acked}
 */
public record LoadReport(
        int devices,
        Duration reportInterval,
        Duration duration,
        Duration sendWindow,
        long sent,
        long acked,
        long failed,
        long notSent,
        Optional<Duration> pubackP50,
        Optional<Duration> pubackP99,
        Optional<Duration> pubackMax,
        String metricsUrl,
        IngestCounters before,
        IngestCounters after,
        String metricsNote,
        Optional<Duration> storedCatchUp,
        String catchUpNote) {

    public double sentPerSecond() {
        double seconds = sendWindow.toNanos() / 1e9;
        return seconds <= 0 ? 0 : sent / seconds;
    }

    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "load: %d devices, a reading every %s s each, for %s s",
                devices, seconds(reportInterval), seconds(duration)));
        lines.add(String.format(Locale.ROOT, "  sent        %d telemetry messages in %s s: %.1f/s (target %.1f/s)",
                sent, seconds(sendWindow), sentPerSecond(), devices * 1e9 / reportInterval.toNanos()));
        lines.add(String.format(Locale.ROOT, "  PUBACK      %d acknowledged, %d not acknowledged, %d not sent (offline)",
                acked, failed, notSent));
        lines.add("  latency     publish to PUBACK p50 " + millis(pubackP50) + ", p99 " + millis(pubackP99)
                + ", max " + millis(pubackMax));
        if (metricsUrl == null) {
            lines.add("  iot-ingest  not measured (no --metrics-url)");
        } else if (metricsNote != null) {
            lines.add("  iot-ingest  " + metricsNote);
        } else {
            lines.add("  iot-ingest  accepted " + IngestCounters.delta(before.accepted(), after.accepted())
                    + ", stored " + IngestCounters.delta(before.stored(), after.stored())
                    + ", rejected " + IngestCounters.delta(before.rejected(), after.rejected())
                    + " (" + metricsUrl + ")");
            lines.add("  caught up   " + storedCatchUp.map(d -> "stored count reached the acknowledged count "
                    + d.toMillis() + " ms after the last send").orElse(catchUpNote));
        }
        return lines;
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.3f", d.toNanos() / 1e9).replaceAll("\\.?0+$", "");
    }

    private static String millis(Optional<Duration> d) {
        return d.map(v -> String.format(Locale.ROOT, "%.2f ms", v.toNanos() / 1e6)).orElse("n/a");
    }
}
