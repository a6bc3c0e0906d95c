package dev.dispatch.loadgen.core;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Fires a target's requests at the due times of a {@link Schedule}, on the calling thread, whatever the answers do
 * (open loop: a slow system gets the same load, and its queueing shows in the latencies instead of slowing the
 * client down). Each latency is counted from the request's due time, not from when it actually left.
 */
public final class OpenLoopRunner {

    /** What the in-flight limit records instead of sending: the client, not the system, ran out of room. */
    public static final String OVER_IN_FLIGHT_LIMIT = "not sent: in-flight limit";

    private final Ticker ticker;
    private final Schedule schedule;
    private final long maxInFlight;
    private final Counters counters = new Counters();
    private final Latencies latencies = new Latencies();
    private final Object drained = new Object();
    private volatile long startNanos;
    private volatile long firedUntilNanos;

    public OpenLoopRunner(Ticker ticker, Schedule schedule, long maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("the in-flight limit must be at least 1, not " + maxInFlight);
        }
        this.ticker = ticker;
        this.schedule = schedule;
        this.maxInFlight = maxInFlight;
    }

    /**
     * Sends every request of the schedule at its due time and returns once the last one was sent (answers may still
     * be outstanding: see {@link #awaitAnswers}). A request that would take the in-flight requests over the limit
     * is not sent and counts as failed, so a stuck system cannot make the client itself exhaust its sockets.
     */
    public void fire(Target target) throws InterruptedException {
        long requests = schedule.requests();
        startNanos = ticker.nanoTime();
        for (long i = 0; i < requests; i++) {
            long due = startNanos + schedule.dueOffsetNanos(i);
            ticker.parkUntil(due);
            counters.sent();
            if (counters.inFlight() > maxInFlight) {
                // Never sent, so no latency: counted as a failure only.
                counters.ended(Outcome.failed(OVER_IN_FLIGHT_LIMIT));
                continue;
            }
            CompletionStage<Outcome> answer;
            try {
                answer = target.send(i, due);
            } catch (RuntimeException e) {
                ended(due, Outcome.of(e));
                continue;
            }
            answer.whenComplete((outcome, failure) -> ended(due, failure != null ? Outcome.of(failure)
                    : outcome != null ? outcome : Outcome.failed("no outcome")));
        }
        firedUntilNanos = ticker.nanoTime();
    }

    /** Waits (in real time) until every request sent has its answer, or the timeout passed; true if all answered. */
    public boolean awaitAnswers(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (drained) {
            while (counters.inFlight() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(drained, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
            }
        }
        return true;
    }

    private void ended(long dueNanos, Outcome outcome) {
        latencies.record(ticker.nanoTime() - dueNanos);
        counters.ended(outcome);
        if (counters.inFlight() == 0) {
            synchronized (drained) {
                drained.notifyAll();
            }
        }
    }

    public Counters counters() {
        return counters;
    }

    public Latencies latencies() {
        return latencies;
    }

    public Schedule schedule() {
        return schedule;
    }

    /** Nanoseconds (ticker time) from the first due time to when the last request was sent. */
    public long sendingNanos() {
        return firedUntilNanos - startNanos;
    }

    public long startNanos() {
        return startNanos;
    }
}
