package dev.dispatch.loadgen.core;

import java.util.concurrent.locks.LockSupport;

/** The runner's clock, so that tests can drive the schedule with virtual time instead of waiting. */
public interface Ticker {

    long nanoTime();

    /** Returns at {@code deadlineNanos} or later; at once when it has passed. */
    void parkUntil(long deadlineNanos) throws InterruptedException;

    Ticker SYSTEM = new Ticker() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void parkUntil(long deadlineNanos) throws InterruptedException {
            long left;
            while ((left = deadlineNanos - System.nanoTime()) > 0) {
                LockSupport.parkNanos(left);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        }
    };
}
