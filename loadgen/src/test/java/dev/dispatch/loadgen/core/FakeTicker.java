package dev.dispatch.loadgen.core;

import java.util.concurrent.atomic.AtomicLong;

/** Virtual time: parking moves the clock to the deadline at once; tests move it on by hand. */
final class FakeTicker implements Ticker {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Override
    public long nanoTime() {
        return now.get();
    }

    @Override
    public void parkUntil(long deadlineNanos) {
        now.accumulateAndGet(deadlineNanos, Math::max);
    }

    void advance(long nanos) {
        now.addAndGet(nanos);
    }
}
