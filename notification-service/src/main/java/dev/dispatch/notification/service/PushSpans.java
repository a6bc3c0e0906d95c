package dev.dispatch.notification.service;

import java.util.function.Supplier;

import dev.dispatch.notification.model.Channel;
import dev.dispatch.notification.model.Notification;
import dev.dispatch.platform.cloudevents.TraceContext;
import dev.dispatch.platform.tracing.EventSpans;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The last hop of an event's trace: a span per push of its notification to one WebSocket or SSE connection, child of
 * the consumer span the notification was stored in (kept on its row, so whichever replica pushes it continues the
 * trace). Never current: what runs meanwhile (the batched unacked marks) is not part of one push.
 * <p>
 * A notification stored outside a sampled trace (tracing off, or the trace not sampled, so the parent-based sampler
 * would drop the span anyway) costs one look at its flags and no span.
 */
@ApplicationScoped
public class PushSpans {

    /** The span's name, one for every channel. */
    public static final String NAME = "notification push";
    static final AttributeKey<String> CHANNEL = AttributeKey.stringKey("channel");
    static final AttributeKey<Long> ID = AttributeKey.longKey("notification.id");
    static final AttributeKey<String> TYPE = AttributeKey.stringKey("notification.type");

    private final Tracer tracer;

    public PushSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    /** Sends {@code n} with {@code send}, in a span from now until the send completed (or failed, or was cancelled). */
    public Uni<Void> sending(Channel channel, Notification n, Supplier<Uni<Void>> send) {
        if (!sampled(n.trace())) {
            return send.get();
        }
        Span span = start(channel, n);
        return Uni.createFrom().deferred(send::get)
                .onTermination().invoke((ignored, failure, cancelled) -> {
                    if (failure != null) {
                        EventSpans.failed(span, failure);
                    } else {
                        span.end();
                    }
                });
    }

    /**
     * Makes what is handed to the connection now with {@code handOver}, in a span around it: for a channel whose writes
     * the server does itself (SSE), the moment the notification left the feed for this connection.
     */
    public <T> T handingOver(Channel channel, Notification n, Supplier<T> handOver) {
        if (!sampled(n.trace())) {
            return handOver.get();
        }
        Span span = start(channel, n);
        T handedOver;
        try {
            handedOver = handOver.get();
        } catch (RuntimeException e) {
            EventSpans.failed(span, e);
            throw e;
        }
        span.end();
        return handedOver;
    }

    private Span start(Channel channel, Notification n) {
        return tracer.spanBuilder(NAME).setSpanKind(SpanKind.PRODUCER).setParent(n.trace().asParent())
                .setAttribute(CHANNEL, channel.key())
                .setAttribute(ID, n.seq())
                .setAttribute(TYPE, n.type())
                .startSpan();
    }

    // The W3C trace flags, the last two hex digits: bit 0 is "sampled".
    static boolean sampled(TraceContext trace) {
        if (trace == null) {
            return false;
        }
        String parent = trace.traceparent();
        return (Character.digit(parent.charAt(parent.length() - 1), 16) & 1) == 1;
    }
}
