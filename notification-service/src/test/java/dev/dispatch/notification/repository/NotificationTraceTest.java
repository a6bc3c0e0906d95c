package dev.dispatch.notification.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.dispatch.notification.model.NewNotification;
import dev.dispatch.notification.model.Notification;
import dev.dispatch.notification.model.Recipient;
import dev.dispatch.notification.support.Ids;
import dev.dispatch.platform.cloudevents.TraceContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * A notification keeps the trace context of the span it was stored in (the consumer's of its event), and every read of
 * it (the live feed, the SSE history, the WebSocket redelivery) gives it back, for its pushes to continue the trace.
 */
@QuarkusTest
class NotificationTraceTest {

    static final Duration WAIT = Duration.ofSeconds(15);

    @Inject
    NotificationRepository repository;

    @Inject
    UnackedRepository unacked;

    @Inject
    UnackedMarks marks;

    @Test
    void aNotificationStoredInASpanKeepsItsTraceContext() {
        String alice = Ids.customer();
        SpanContext consumer = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", TraceFlags.getSampled(),
                TraceState.builder().put("dispatch", "1").build());
        long seq;
        try (Scope ignored = Span.wrap(consumer).makeCurrent()) {
            seq = store(alice);
        }

        TraceContext expected = new TraceContext("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "dispatch=1");
        assertThat(repository.after(seq - 1, 1).await().atMost(WAIT)).singleElement()
                .satisfies(n -> assertThat(n.trace()).isEqualTo(expected));
        assertThat(history(alice)).singleElement().satisfies(n -> assertThat(n.trace()).isEqualTo(expected));
        marks.markSent(alice, seq).await().atMost(WAIT);
        assertThat(unacked.unacked(alice, seq, 10).await().atMost(WAIT)).singleElement()
                .satisfies(n -> assertThat(n.trace()).isEqualTo(expected));
    }

    @Test
    void aNotificationStoredOutsideAnySpanHasNone() {
        String alice = Ids.customer();
        long seq = store(alice);

        assertThat(repository.after(seq - 1, 1).await().atMost(WAIT)).singleElement().satisfies(n -> assertThat(n.trace()).isNull());
    }

    private long store(String customerId) {
        return repository.store(new NewNotification(UUID.randomUUID().toString(), "/test", "dispatch.order.placed", Ids.order(),
                customerId, false, Instant.now(), "placed", null)).await().atMost(WAIT).orElseThrow();
    }

    private List<Notification> history(String customerId) {
        return repository.history(new Recipient(customerId, false), 0, Long.MAX_VALUE, null, 10).await().atMost(WAIT);
    }
}
