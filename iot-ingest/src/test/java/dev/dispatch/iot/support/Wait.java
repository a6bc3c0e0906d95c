package dev.dispatch.iot.support;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Future;

/** Bounds for waiting on asynchronous results, with headroom for a busy 2-core machine. */
public final class Wait {

    public static final Duration LONG = Duration.ofSeconds(30);

    private Wait() {
    }

    public static <T> T on(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
