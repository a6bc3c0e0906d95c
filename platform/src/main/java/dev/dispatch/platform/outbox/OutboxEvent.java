package dev.dispatch.platform.outbox;

import java.util.UUID;

import dev.dispatch.platform.cloudevents.TraceContext;

/**
 * An event to write to the outbox, in the transaction of the change it announces. {@code body} is the whole CloudEvent
 * as JSON; {@code aggregateId} is what the event is about (its CloudEvent subject, the AMQP group-id, so a consumer
 * with several replicas still gets one aggregate's events in order); {@code aggregateVersion} may be null.
 * {@code trace} is the span the event was written in (null outside any span): the relay's publish span continues it.
 */
public record OutboxEvent(UUID id, String address, String aggregateId, Long aggregateVersion, String type, String body, TraceContext trace) {

    /** An event written in the current span, if any: made where the CloudEvent in {@code body} was (which carries the same). */
    public OutboxEvent(UUID id, String address, String aggregateId, Long aggregateVersion, String type, String body) {
        this(id, address, aggregateId, aggregateVersion, type, body, TraceContext.current());
    }
}
