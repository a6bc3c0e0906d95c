package dev.dispatch.notification.model;

/**
 * At most {@code limit} events in any {@code windowMillis}: a sliding log of the last {@code limit} accepted times, so
 * no burst at a window's edge doubles the rate. Not thread-safe on its own; one connection's messages use it in turn.
 */
public final class RateWindow {

    private final long[] accepted;
    private final long windowMillis;
    private int next;
    private int count;

    public RateWindow(int limit, long windowMillis) {
        this.accepted = new long[limit];
        this.windowMillis = windowMillis;
    }

    /** Whether one more event at {@code nowMillis} is within the rate; if so it counts. */
    public synchronized boolean tryAcquire(long nowMillis) {
        if (count == accepted.length && nowMillis - accepted[next] < windowMillis) {
            return false; // the oldest of the last `limit` is still inside the window
        }
        accepted[next] = nowMillis;
        next = (next + 1) % accepted.length;
        count = Math.min(count + 1, accepted.length);
        return true;
    }
}
