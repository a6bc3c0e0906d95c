package dev.dispatch.notification.service;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/**
 * The part of a delivery that is the server's own work (a WebSocket's unacked mark, written before the frame): time
 * spent in it never counts against the connection as slow ({@link Backlog}). An overloaded server delivers late; it
 * does not make its clients slow.
 */
public final class ServerSide {

    private final AtomicInteger running = new AtomicInteger();
    private final LongSupplier clock;
    private volatile long doneAt = Long.MIN_VALUE;

    public ServerSide() {
        this(System::nanoTime);
    }

    ServerSide(LongSupplier nanoClock) {
        this.clock = nanoClock;
    }

    /** Runs {@code work} with the connection's stall clock stopped. */
    public <T> Uni<T> run(Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            running.incrementAndGet();
            return work.get();
        }).onTermination().invoke(() -> {
            doneAt = clock.getAsLong();
            running.decrementAndGet();
        });
    }

    boolean running() {
        return running.get() > 0;
    }

    /** When the server's part last ended ({@link Long#MIN_VALUE}: never). */
    long doneAt() {
        return doneAt;
    }
}
