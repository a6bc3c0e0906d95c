package dev.dispatch.loadgen.core;

import java.util.concurrent.CompletionStage;

/**
 * What a scenario sends. {@link #send} must not wait for the answer: the runner fires the next request at its due
 * time whatever this one does (open loop). A send that blocks anyway only delays the sends after it; their latency
 * is still counted from their due times, so the delay shows.
 */
@FunctionalInterface
public interface Target {

    /**
     * Request number {@code sequence} (0, 1, 2 ...), e.g. for a unique Idempotency-Key, due at {@code dueNanos}
     * (the runner's {@link Ticker} time), for a scenario that times what the request causes elsewhere.
     */
    CompletionStage<Outcome> send(long sequence, long dueNanos);
}
