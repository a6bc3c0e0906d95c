package dev.dispatch.notification.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Mutiny's callbacks are not wrapped to carry thread contexts (application.properties, mp.context.ThreadContext.*):
 * every open WebSocket holds a chain of them, and each wrapper held a snapshot of the CDI, transaction and
 * OpenTelemetry contexts, some 6 KB of heap per connection. Request context and span ride on Vert.x contexts instead
 * (TracingSystemIT checks the push spans' parents).
 */
@QuarkusTest
class NoContextSnapshotsTest {

    @Test
    void mutinyCallbacksAreUsedAsTheyAre() {
        Function<String, Integer> length = String::length;
        Supplier<String> text = () -> "text";
        Consumer<String> ignore = ignored -> { };

        assertThat(Infrastructure.decorate(length)).isSameAs(length);
        assertThat(Infrastructure.decorate(text)).isSameAs(text);
        assertThat(Infrastructure.decorate(ignore)).isSameAs(ignore);
    }
}
