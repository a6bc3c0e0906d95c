package dev.dispatch.notification.messaging;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * Lets a channel take its next message while earlier ones are still being handled, up to a bound. SmallRye hands a
 * channel's messages over one at a time and waits for the returned Uni; returning once the message is admitted (not
 * once it is stored) lets the messages that arrive meanwhile be stored together (group commit), still in arrival order
 * because each is started, and so queued, before the next is handed over. Each message settles itself (ack or nack).
 */
final class InFlight {

    private final int bound;
    private final AtomicInteger running = new AtomicInteger();
    private final Queue<UniEmitter<? super Void>> waiting = new ConcurrentLinkedQueue<>();

    InFlight(int bound) {
        this.bound = bound;
    }

    /** Starts {@code work} now; completes at once, or once fewer than the bound are running (work never fails it). */
    Uni<Void> admit(Uni<Void> work) {
        running.incrementAndGet();
        work.subscribe().with(ok -> finished(), failure -> finished());
        return Uni.createFrom().emitter(emitter -> {
            waiting.add(emitter);
            release();
        });
    }

    int running() {
        return running.get();
    }

    private void finished() {
        running.decrementAndGet();
        release();
    }

    // A waiter goes on while the running count is within the bound; any thread may release, so checked in a loop.
    private void release() {
        while (running.get() <= bound) {
            UniEmitter<? super Void> next = waiting.poll();
            if (next == null) {
                return;
            }
            next.complete(null);
        }
    }
}
