package dev.dispatch.simulator.load;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import dev.dispatch.simulator.contract.Telemetry;
import dev.dispatch.simulator.mqtt.FleetListener;

/** Counts what a fleet's telemetry did, from every event loop at once. */
final class LoadCounters implements FleetListener {

    final LongAdder sent = new LongAdder();
    final LongAdder acked = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder notSent = new LongAdder();
    final LatencyRecorder latencies = new LatencyRecorder();
    final AtomicLong lastSentNanos = new AtomicLong();

    @Override
    public void telemetrySent(String deviceId, Telemetry reading) {
        sent.increment();
        lastSentNanos.accumulateAndGet(System.nanoTime(), Math::max);
    }

    @Override
    public void telemetryAcked(String deviceId, Duration latency) {
        acked.increment();
        latencies.record(latency);
    }

    @Override
    public void telemetryFailed(String deviceId, String reason) {
        failed.increment();
    }

    @Override
    public void telemetryNotSent(String deviceId, String reason) {
        notSent.increment();
    }

    boolean allAnswered() {
        return acked.sum() + failed.sum() >= sent.sum();
    }
}
