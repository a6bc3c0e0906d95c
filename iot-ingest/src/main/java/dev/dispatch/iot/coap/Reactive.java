package dev.dispatch.iot.coap;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;

/**
 * From Californium's threads (protocol stage, DTLS workers) to the service's reactive code and back: the Uni runs on
 * a new duplicated Vert.x context and its outcome is handed to the callbacks there, so nothing blocks a Californium
 * thread or an event loop. Called from a Californium thread, a callback never runs on the thread that asked (what a
 * PSK store's result handler needs); called on a Vert.x thread (a notification after a NOTIFY), it runs on that context.
 * Californium's exchanges may be answered from any thread.
 */
final class Reactive {

    private Reactive() {
    }

    /** Runs the Uni; exactly one of the callbacks is called, with the item (which may be null) or the failure. */
    static <T> void run(Supplier<Uni<T>> work, Consumer<T> onItem, Consumer<Throwable> onFailure) {
        if (Context.isOnVertxThread()) {
            // Already on a Vert.x context (an observe notification triggered by a change NOTIFY): run on it, never wait.
            Uni.createFrom().<T>deferred(work::get).subscribe().with(onItem, onFailure);
            return;
        }
        VertxContextSupport.<Optional<T>>subscribe(() -> Uni.createFrom().<T>deferred(work::get).map(Optional::ofNullable).toMulti(),
                subscribe -> subscribe.with(item -> onItem.accept(item.orElse(null)), onFailure));
    }
}
