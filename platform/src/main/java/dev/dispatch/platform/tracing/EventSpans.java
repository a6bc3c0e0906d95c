package dev.dispatch.platform.tracing;

import java.util.function.Supplier;

import dev.dispatch.platform.cloudevents.TraceContext;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;

/**
 * The spans of events between services: the relay's publish span and a consumer's process span, each a child of the
 * trace context the event carries ({@link TraceContext}), so that one trace runs from the request that caused an event
 * through the broker to everything done about it. Without a context they start a trace of their own.
 */
public final class EventSpans {

    /** The instrumentation scope of the spans made here. */
    public static final String SCOPE = "dev.dispatch.platform";

    static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.type");
    static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("cloudevents.event_type");
    static final AttributeKey<String> EVENT_SUBJECT = AttributeKey.stringKey("cloudevents.event_subject");

    private EventSpans() {
    }

    /** The span of sending one event to its address, started now; the caller ends it when the broker answered. */
    public static Span publishing(Tracer tracer, String address, String eventId, String type, String subject, TraceContext parent) {
        return withParent(tracer.spanBuilder(address + " publish").setSpanKind(SpanKind.PRODUCER), parent)
                .setAttribute(SYSTEM, "activemq")
                .setAttribute(DESTINATION, address)
                .setAttribute(OPERATION, "send")
                .setAttribute(MESSAGE_ID, eventId)
                .setAttribute(EVENT_TYPE, type)
                .setAttribute(EVENT_SUBJECT, subject)
                .startSpan();
    }

    /**
     * Runs {@code work} on one received message inside a span named {@code "<destination> process"}, current until
     * the work ends: what it logs carries the trace id, and what it writes (events, queries) joins the trace.
     */
    public static <T> Uni<T> processing(Tracer tracer, String destination, TraceContext parent, Supplier<Uni<? extends T>> work) {
        return Uni.createFrom().emitter(emitter -> onDuplicatedContext(() -> {
            Span span = withParent(tracer.spanBuilder(destination + " process").setSpanKind(SpanKind.CONSUMER), parent)
                    .setAttribute(SYSTEM, "activemq")
                    .setAttribute(DESTINATION, destination)
                    .setAttribute(OPERATION, "process")
                    .startSpan();
            Scope scope = span.makeCurrent();
            Uni.createFrom().<T>deferred(work).subscribe().with(item -> {
                span.end();
                scope.close();
                emitter.complete(item);
            }, failure -> {
                failed(span, failure);
                scope.close();
                emitter.fail(failure);
            });
        }));
    }

    /** Ends a span as failed. */
    public static void failed(Span span, Throwable failure) {
        span.recordException(failure);
        span.setStatus(StatusCode.ERROR, failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage());
        span.end();
    }

    private static SpanBuilder withParent(SpanBuilder builder, TraceContext parent) {
        return parent == null ? builder.setNoParent() : builder.setParent(parent.asParent());
    }

    // Quarkus keeps the current span in the Vert.x duplicated context: on an event loop's own context (a raw client's
    // callback, as MQTT's) a span made current would not be seen by what runs next, so the work gets a context of its own.
    private static void onDuplicatedContext(Runnable action) {
        io.vertx.core.Context current = Vertx.currentContext();
        if (current == null || VertxContext.isDuplicatedContext(current)) {
            action.run();
        } else {
            ((ContextInternal) VertxContext.createNewDuplicatedContext(current)).dispatch(ignored -> action.run());
        }
    }
}
