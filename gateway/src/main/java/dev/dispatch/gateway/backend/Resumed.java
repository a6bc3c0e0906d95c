package dev.dispatch.gateway.backend;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * A gRPC server stream that is opened again when its connection goes away. The servers close every connection after
 * a maximum age (platform's ConnectionAge: GOAWAY, then the connection is closed when the grace ends), and an instance
 * may die while others live; a stream on such a connection ends UNAVAILABLE, and the subscriber would lose its live
 * updates although a new call (to any live instance, with a fresh token) would carry on. So such a failure opens the
 * stream again after a backoff, as often as it keeps working. Opens that keep failing (the backend down for good)
 * give up after {@code attempts} in a row with the last failure (the first open counts); a stream that delivered an
 * item or stayed open for {@code settled} (WatchTelemetry may be quiet for long) counts as having worked and starts
 * the count again. Any other failure, and completion (an order that became final), end the stream as before. A
 * resumed WatchOrder sends the order's current state first, so a subscriber may see a state twice.
 *
 * @param attempts   failed opens in a row after which the failure is passed on (at least 1)
 * @param firstDelay the wait before the first reopen, doubled for each further failure in a row
 * @param maxDelay   the longest wait between reopens
 * @param settled    how long a stream must have been open, without any item, to count as having worked
 */
public record Resumed(int attempts, Duration firstDelay, Duration maxDelay, Duration settled) {

    /** Reopens after 200 ms, 400 ms, 800 ms ... at most 5 s; gives up after 3 failed opens in a row. */
    public static final Resumed STREAMS = new Resumed(3, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(30));

    public Resumed {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
    }

    /** The stream {@code open} makes (called again for each reopen: a new call, a new token), resumed as described. */
    public <T> Multi<T> stream(Supplier<Multi<T>> open) {
        return Multi.createFrom().deferred(() -> {
            // Per subscriber: failed opens since the last stream that worked; when the current stream was opened and
            // whether it delivered anything.
            AtomicInteger failedOpens = new AtomicInteger();
            AtomicLong openedAt = new AtomicLong();
            AtomicBoolean delivered = new AtomicBoolean();
            return Multi.createFrom().<T>deferred(open::get)
                    .onSubscription().invoke(() -> {
                        openedAt.set(System.nanoTime());
                        delivered.set(false);
                    })
                    .onItem().invoke(() -> delivered.set(true))
                    .onFailure().retry().when(failures -> failures.onItem().transformToUniAndConcatenate(failure -> {
                        if (!BackendFailures.isUnavailable(failure)) {
                            return Uni.createFrom().failure(failure);
                        }
                        boolean worked = delivered.get() || System.nanoTime() - openedAt.get() >= settled.toNanos();
                        if (worked) {
                            failedOpens.set(0);
                        }
                        int failed = worked ? 0 : failedOpens.incrementAndGet();
                        if (failed >= attempts) {
                            return Uni.createFrom().failure(failure);
                        }
                        return Uni.createFrom().item(failure).onItem().delayIt().by(delay(failed));
                    }));
        });
    }

    /** The wait before the next open after the given number of failed opens in a row: firstDelay doubled per failed open, at most maxDelay. */
    Duration delay(int failedOpens) {
        Duration delay = firstDelay.multipliedBy(1L << Math.min(failedOpens, 20));
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
