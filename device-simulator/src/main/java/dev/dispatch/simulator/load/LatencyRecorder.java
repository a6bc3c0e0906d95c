package dev.dispatch.simulator.load;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/** Every sample kept (a load run has at most a few million), percentiles by nearest rank. Thread-safe. */
public final class LatencyRecorder {

    private long[] nanos = new long[1024];
    private int count;

    public synchronized void record(Duration latency) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = latency.toNanos();
    }

    public synchronized int count() {
        return count;
    }

    /** @param quantile from 0 (exclusive) to 1 */
    public synchronized Optional<Duration> percentile(double quantile) {
        if (count == 0) {
            return Optional.empty();
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(quantile * count);
        return Optional.of(Duration.ofNanos(sorted[Math.max(0, Math.min(count, rank) - 1)]));
    }

    public Optional<Duration> max() {
        return percentile(1.0);
    }
}
