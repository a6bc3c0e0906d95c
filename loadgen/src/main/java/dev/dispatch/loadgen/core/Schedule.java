package dev.dispatch.loadgen.core;

import java.time.Duration;

/**
 * A constant rate, bounded by a count and a duration (whichever ends first). Request i is due i / rate seconds
 * after the start: the due times follow from the rate alone, never from how fast the target answers.
 */
public record Schedule(double ratePerSecond, long maxRequests, Duration duration) {

    public Schedule {
        if (!(ratePerSecond > 0) || ratePerSecond > 1_000_000) {
            throw new IllegalArgumentException("rate must be above 0 and at most 1000000 per second, not " + ratePerSecond);
        }
        if (maxRequests < 1) {
            throw new IllegalArgumentException("the number of requests must be at least 1, not " + maxRequests);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("the duration must be positive, not " + duration);
        }
    }

    /** How many requests the run sends: the count, or what the rate fits into the duration if that is fewer. */
    public long requests() {
        double inDuration = Math.ceil(duration.toNanos() / 1e9 * ratePerSecond);
        return Math.max(1, Math.min(maxRequests, (long) inDuration));
    }

    /** When request {@code sequence} is due, in nanoseconds after the start. */
    public long dueOffsetNanos(long sequence) {
        return Math.round(sequence * 1e9 / ratePerSecond);
    }
}
