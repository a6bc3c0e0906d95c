package dev.dispatch.iot.service;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * At most {@code limit} requests per key (a sensor) in any window of {@code window}: a sliding log of the last
 * {@code limit} request times per key, so a sensor that keeps within the limit is never refused and one that floods
 * is refused only until its oldest request leaves the window. Keys are independent: one sensor's flood never
 * slows another. Refused requests are not counted. Pure (the caller passes the clock); thread-safe.
 */
public final class SensorRateLimiter {

    private static final int SWEEP_EVERY = 4096;

    private final int limit;
    private final long windowNanos;
    private final Map<String, Log> logs = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();

    public SensorRateLimiter(int limit, Duration window) {
        if (limit < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a rate limit needs a limit of at least 1 in a positive window");
        }
        this.limit = limit;
        this.windowNanos = window.toNanos();
    }

    /**
     * Takes one request of the key at {@code nowNanos} (a monotonic clock, {@link System#nanoTime()}): 0 when it may go
     * ahead (and is counted), otherwise how many nanoseconds until it would be allowed.
     */
    public long acquire(String key, long nowNanos) {
        if (calls.incrementAndGet() % SWEEP_EVERY == 0) {
            sweep(nowNanos);
        }
        return logs.computeIfAbsent(key, k -> new Log(limit)).acquire(nowNanos, windowNanos);
    }

    /** Keys with a log (idle ones are forgotten from time to time). */
    int keys() {
        return logs.size();
    }

    /** Forgets keys whose every request left the window: they would be allowed anyway. */
    void sweep(long nowNanos) {
        logs.entrySet().removeIf(e -> e.getValue().idleSince(nowNanos, windowNanos));
    }

    private static final class Log {

        private final long[] times;
        private int next;
        private int size;

        Log(int limit) {
            times = new long[limit];
        }

        synchronized long acquire(long now, long window) {
            if (size == times.length) {
                long oldest = times[next];
                long wait = oldest + window - now;
                if (wait > 0) {
                    return wait;
                }
            } else {
                size++;
            }
            times[next] = now;
            next = (next + 1) % times.length;
            return 0;
        }

        synchronized boolean idleSince(long now, long window) {
            int newest = (next - 1 + times.length) % times.length;
            return size == 0 || now - times[newest] >= window;
        }
    }
}
