package dev.dispatch.notification.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.dispatch.notification.model.Channel;
import dev.dispatch.notification.model.Notification;
import dev.dispatch.platform.cloudevents.TraceContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;

/** A push of a stored notification is a span of its trace, child of the span it was stored in; without one, no span. */
class PushSpansTest {

    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String STORED_IN = "00f067aa0ba902b7";
    static final Duration WAIT = Duration.ofSeconds(5);

    private final List<SpanData> exported = new CopyOnWriteArrayList<>();
    private final SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(new SpanExporter() {
        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            exported.addAll(spans);
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    })).build();
    private final PushSpans spans = new PushSpans(provider.get("test"));

    @AfterEach
    void close() {
        provider.close();
    }

    static Notification stored(String traceparent) {
        return new Notification(42, "dispatch.order.paid", "o-1", "alice", false, "{}",
                TraceContext.of(traceparent, traceparent == null ? null : "dispatch=1"));
    }

    @Test
    void aWebSocketPushIsAChildOfTheSpanTheNotificationWasStoredInEndedWhenSent() {
        AtomicInteger sent = new AtomicInteger();
        Uni<Void> push = spans.sending(Channel.WEBSOCKET, stored("00-" + TRACE_ID + "-" + STORED_IN + "-01"),
                () -> Uni.createFrom().voidItem().invoke(sent::incrementAndGet));
        assertThat(exported).as("nothing ends before the send ran").isEmpty();

        push.await().atMost(WAIT);

        assertThat(sent).hasValue(1);
        assertThat(exported).singleElement().satisfies(span -> {
            assertThat(span.getName()).isEqualTo("notification push");
            assertThat(span.getKind()).isEqualTo(SpanKind.PRODUCER);
            assertThat(span.getTraceId()).isEqualTo(TRACE_ID);
            assertThat(span.getParentSpanId()).isEqualTo(STORED_IN);
            assertThat(span.getParentSpanContext().isRemote()).isTrue();
            assertThat(span.getParentSpanContext().getTraceState().get("dispatch")).isEqualTo("1");
            assertThat(span.getAttributes().get(PushSpans.CHANNEL)).isEqualTo("websocket");
            assertThat(span.getAttributes().get(PushSpans.ID)).isEqualTo(42L);
            assertThat(span.getAttributes().get(PushSpans.TYPE)).isEqualTo("dispatch.order.paid");
            assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        });
    }

    @Test
    void aFailedSendIsAFailedSpan() {
        Uni<Void> push = spans.sending(Channel.WEBSOCKET, stored("00-" + TRACE_ID + "-" + STORED_IN + "-01"),
                () -> Uni.createFrom().failure(new IllegalStateException("connection closed")));

        assertThatThrownBy(() -> push.await().atMost(WAIT)).hasMessage("connection closed");
        assertThat(exported).singleElement().satisfies(span -> {
            assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(span.getEvents()).anyMatch(event -> event.getName().equals("exception"));
        });
    }

    @Test
    void aCancelledSendStillEndsItsSpan() {
        UniAssertSubscriber<Void> subscriber = spans.sending(Channel.WEBSOCKET, stored("00-" + TRACE_ID + "-" + STORED_IN + "-01"),
                () -> Uni.createFrom().nothing()).subscribe().withSubscriber(UniAssertSubscriber.create());
        assertThat(exported).isEmpty();

        subscriber.cancel();

        assertThat(exported).singleElement().satisfies(span -> assertThat(span.hasEnded()).isTrue());
    }

    @Test
    void anSseHandOverIsASpanAroundIt() {
        String event = spans.handingOver(Channel.SSE, stored("00-" + TRACE_ID + "-" + STORED_IN + "-01"), () -> "event");

        assertThat(event).isEqualTo("event");
        assertThat(exported).singleElement().satisfies(span -> {
            assertThat(span.getName()).isEqualTo("notification push");
            assertThat(span.getTraceId()).isEqualTo(TRACE_ID);
            assertThat(span.getParentSpanId()).isEqualTo(STORED_IN);
            assertThat(span.getAttributes().get(PushSpans.CHANNEL)).isEqualTo("sse");
        });
    }

    @Test
    void aNotificationStoredOutsideASampledTraceIsPushedWithoutASpan() {
        for (Notification untraced : List.of(stored(null), stored("00-" + TRACE_ID + "-" + STORED_IN + "-00"))) {
            AtomicInteger sent = new AtomicInteger();
            spans.sending(Channel.WEBSOCKET, untraced, () -> Uni.createFrom().voidItem().invoke(sent::incrementAndGet)).await().atMost(WAIT);
            assertThat(spans.handingOver(Channel.SSE, untraced, () -> "event")).isEqualTo("event");
            assertThat(sent).hasValue(1);
        }
        assertThat(exported).isEmpty();
    }

    @Test
    void sampledIsBitZeroOfTheTraceFlags() {
        assertThat(PushSpans.sampled(TraceContext.of("00-" + TRACE_ID + "-" + STORED_IN + "-01", null))).isTrue();
        assertThat(PushSpans.sampled(TraceContext.of("00-" + TRACE_ID + "-" + STORED_IN + "-03", null))).isTrue();
        assertThat(PushSpans.sampled(TraceContext.of("00-" + TRACE_ID + "-" + STORED_IN + "-02", null))).isFalse();
        assertThat(PushSpans.sampled(null)).isFalse();
    }
}
