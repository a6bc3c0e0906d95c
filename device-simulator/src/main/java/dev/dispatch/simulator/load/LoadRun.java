package dev.dispatch.simulator.load;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.BooleanSupplier;

import dev.dispatch.simulator.mqtt.DeviceFleet;
import dev.dispatch.simulator.mqtt.FleetListener;
import dev.dispatch.simulator.mqtt.FleetSettings;

/**
 * The MQTT ingest benchmark: N devices send telemetry at a fixed rate for a fixed time; then it
 * reports what was sent, what the broker acknowledged and how fast, and — given iot-ingest's
 * metrics endpoint — how much of it iot-ingest stored and how long after the last send it caught up.
 * Rerunnable: every run connects with clean sessions and leaves nothing behind but the devices'
 * retained {@code offline} status.
 * <p>
 * {@link #run()} blocks: call it from a plain thread (a main method, a worker), never an event loop.
 */
public final class LoadRun {

    private static final Duration METRICS_POLL = Duration.ofMillis(250);
    private static final Duration ACK_WAIT = Duration.ofSeconds(10);

    private final FleetSettings settings;
    private final Duration duration;
    private final Optional<IngestMetrics> metrics;
    private final Duration catchUpTimeout;
    private final Duration connectTimeout;
    private final FleetListener also;

    /**
     * @param settings the fleet (with the devices' own credentials, if they have them); sessions are made clean and
     *                 telemetry waits for every device to connect
     * @param also told everything the devices do too (e.g. to print connection problems)
     */
    public LoadRun(FleetSettings settings, Duration duration, Optional<URI> metricsUrl, Duration catchUpTimeout,
                   Duration connectTimeout, FleetListener also) {
        this.settings = settings.withConnection(settings.connection().withCleanSession(true).withTelemetryAtStart(false));
        this.duration = duration;
        this.metrics = metricsUrl.map(IngestMetrics::new);
        this.catchUpTimeout = catchUpTimeout;
        this.connectTimeout = connectTimeout;
        this.also = also;
    }

    public LoadReport run() throws InterruptedException {
        String[] metricsNote = {null};
        IngestCounters before = metrics.map(m -> read(m, metricsNote)).orElse(null);

        LoadCounters counters = new LoadCounters();
        try (DeviceFleet fleet = new DeviceFleet(settings, FleetListener.both(counters, also))) {
            try {
                fleet.start().await().atMost(connectTimeout);
            } catch (RuntimeException e) {
                throw new LoadRunFailed("not every device connected within " + connectTimeout.toSeconds() + " s: "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
            }
            long started = System.nanoTime();
            fleet.telemetry(true);
            Thread.sleep(duration.toMillis());
            fleet.telemetry(false);
            long lastSent = counters.lastSentNanos.get();
            Duration window = Duration.ofNanos(Math.max(0, (lastSent == 0 ? System.nanoTime() : lastSent) - started));
            waitUntil(counters::allAnswered, ACK_WAIT, Duration.ofMillis(50));

            IngestCounters after = null;
            Optional<Duration> catchUp = Optional.empty();
            String catchUpNote = null;
            if (metrics.isPresent() && metricsNote[0] == null) {
                long target = counters.acked.sum();
                OptionalDouble storedBefore = before.stored();
                long deadline = System.nanoTime() + catchUpTimeout.toNanos();
                while (true) {
                    after = read(metrics.get(), metricsNote);
                    if (after == null || storedBefore.isEmpty() || after.stored().isEmpty()) {
                        catchUpNote = "not reported (no " + IngestCounters.STORED + ")";
                        break;
                    }
                    double stored = after.stored().getAsDouble() - storedBefore.getAsDouble();
                    if (stored >= target) {
                        catchUp = Optional.of(Duration.ofNanos(Math.max(0, System.nanoTime() - lastSent)));
                        break;
                    }
                    if (System.nanoTime() > deadline) {
                        catchUpNote = String.format("not within %d s: stored %.0f of %d acknowledged",
                                catchUpTimeout.toSeconds(), stored, target);
                        break;
                    }
                    Thread.sleep(METRICS_POLL.toMillis());
                }
            }
            return new LoadReport(settings.devices(), settings.device().reportInterval(), duration, window,
                    counters.sent.sum(), counters.acked.sum(), counters.failed.sum(), counters.notSent.sum(),
                    counters.latencies.percentile(0.50), counters.latencies.percentile(0.99), counters.latencies.max(),
                    metrics.map(m -> m.url().toString()).orElse(null), before, after, metricsNote[0], catchUp, catchUpNote);
        }
    }

    private static IngestCounters read(IngestMetrics metrics, String[] note) {
        try {
            return metrics.read().await().atMost(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            note[0] = "metrics unavailable at " + metrics.url() + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            return null;
        }
    }

    private static void waitUntil(BooleanSupplier condition, Duration atMost, Duration poll) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(poll.toMillis());
        }
    }

    /** The load run could not measure anything (no connection). */
    public static final class LoadRunFailed extends RuntimeException {
        LoadRunFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
