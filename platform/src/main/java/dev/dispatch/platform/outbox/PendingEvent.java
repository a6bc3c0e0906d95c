package dev.dispatch.platform.outbox;

import java.util.UUID;

import dev.dispatch.platform.cloudevents.TraceContext;

/** An outbox event not yet accepted by the broker; body is the CloudEvent JSON as stored, trace the span it was written in (or null). */
public record PendingEvent(long seq, UUID id, String address, String aggregateId, String type, String body, TraceContext trace) {
}
