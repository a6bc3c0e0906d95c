package dev.dispatch.platform.cloudevents;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A CloudEvents 1.0 event in structured mode, as a producer writes it: this record, as JSON, is the whole AMQP body
 * (content type {@link #CONTENT_TYPE}). The schema of each event type is in the top-level {@code contracts/events}.
 * {@code traceparent} and {@code tracestate} are the distributed-tracing extension ({@link TraceContext}): the span
 * the event was made in (sampled or not: a consumer follows the same decision), absent outside any span.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent<T>(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        String time,
        String datacontenttype,
        T data,
        String traceparent,
        String tracestate) {

    public static final String SPEC_VERSION = "1.0";
    public static final String DATA_CONTENT_TYPE = "application/json";
    /** The AMQP content type of a structured-mode CloudEvent. */
    public static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

    /** An event with JSON data; {@code time} is RFC 3339. It carries the trace context of the current span, if any. */
    public static <T> CloudEvent<T> of(UUID id, String source, String type, String subject, String time, T data) {
        TraceContext trace = TraceContext.current();
        return new CloudEvent<>(SPEC_VERSION, id.toString(), source, type, subject, time, DATA_CONTENT_TYPE, data,
                trace == null ? null : trace.traceparent(), trace == null ? null : trace.tracestate());
    }
}
