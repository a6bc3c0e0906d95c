package dev.dispatch.platform.cloudevents;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * The CloudEvents distributed-tracing extension: the W3C {@code traceparent} (and {@code tracestate}) of the span an
 * event was written in, so that whoever publishes or consumes it later continues that trace. Without an OTLP endpoint
 * spans are neither sampled nor exported, but their ids still travel (flags 00), so every service agrees not to record.
 */
public record TraceContext(String traceparent, String tracestate) {

    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final int MAX_TRACESTATE_LENGTH = 512;

    /** The context of the current span, or null outside any span. */
    public static TraceContext current() {
        Context context = Context.current();
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(context, carrier, Map::put);
        return of(carrier.get("traceparent"), carrier.get("tracestate"));
    }

    /**
     * A received or stored context; null for a missing or malformed traceparent, which is ignored rather than refused:
     * tracing never costs an event.
     */
    public static TraceContext of(String traceparent, String tracestate) {
        if (traceparent == null || !TRACEPARENT.matcher(traceparent).matches()) {
            return null;
        }
        boolean state = tracestate != null && !tracestate.isBlank() && tracestate.length() <= MAX_TRACESTATE_LENGTH;
        return new TraceContext(traceparent, state ? tracestate : null);
    }

    /** This context as the remote parent of a span started now. */
    public Context asParent() {
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), this, Getter.INSTANCE);
    }

    private enum Getter implements TextMapGetter<TraceContext> {
        INSTANCE;

        @Override
        public Iterable<String> keys(TraceContext carrier) {
            return java.util.List.of("traceparent", "tracestate");
        }

        @Override
        public String get(TraceContext carrier, String key) {
            return carrier == null ? null : switch (key) {
                case "traceparent" -> carrier.traceparent();
                case "tracestate" -> carrier.tracestate();
                default -> null;
            };
        }
    }
}
