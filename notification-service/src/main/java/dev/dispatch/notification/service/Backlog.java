package dev.dispatch.notification.service;

import java.time.Duration;
import java.util.AbstractQueue;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * What one connection has yet to take, and whether it still takes anything. A client is slow when it leaves a
 * notification waiting for longer than {@code stallLimit} without taking one, or when more than {@code capacity} wait.
 * Counting alone would judge a burst (a group of notifications committed together) as a slow client; time alone would
 * let a client that reads, but slower than the feed, grow its queue without limit.
 * <p>
 * One producer (the feed, under its lock) offers; one consumer (the connection's stream) polls. Nodes cost only while
 * used, unlike an array sized for the capacity in every connection.
 */
final class Backlog<T> extends AbstractQueue<T> {

    private final Queue<T> items = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final int capacity;
    private final long stallLimitNanos;
    private final LongSupplier clock;
    private final ServerSide serverSide;
    // When the consumer last took an item, or when the queue last became non-empty, whichever is later.
    private volatile long progressAt;

    Backlog(int capacity, Duration stallLimit, LongSupplier nanoClock, ServerSide serverSide) {
        this.capacity = capacity;
        this.stallLimitNanos = stallLimit.toNanos();
        this.clock = nanoClock;
        this.serverSide = serverSide;
        this.progressAt = nanoClock.getAsLong();
    }

    /** Whether one more item would be over the capacity. */
    boolean full() {
        return size.get() >= capacity;
    }

    /**
     * Whether an item has been waiting for longer than the stall limit while the consumer took none; the server's own
     * part of a delivery ({@link ServerSide}) does not count.
     */
    boolean stalled() {
        if (size.get() == 0 || serverSide.running()) {
            return false;
        }
        long since = Math.max(progressAt, serverSide.doneAt());
        return clock.getAsLong() - since > stallLimitNanos;
    }

    @Override
    public boolean offer(T item) {
        items.offer(item);
        if (size.getAndIncrement() == 0) {
            progressAt = clock.getAsLong(); // nothing was waiting: the wait starts now
        }
        return true;
    }

    @Override
    public T poll() {
        T item = items.poll();
        if (item != null) {
            size.decrementAndGet();
            progressAt = clock.getAsLong();
        }
        return item;
    }

    @Override
    public T peek() {
        return items.peek();
    }

    @Override
    public int size() {
        return size.get();
    }

    @Override
    public boolean isEmpty() {
        return items.isEmpty();
    }

    @Override
    public Iterator<T> iterator() {
        return items.iterator();
    }

    @Override
    public void clear() {
        while (poll() != null) {
            // counted down one by one, so size never goes below what is there
        }
    }
}
