package dev.dispatch.order.repository;

import java.util.UUID;

/** An outbox event not yet accepted by the broker; body is the CloudEvent JSON as stored. */
public record PendingEvent(long seq, UUID id, UUID aggregateId, String type, String body) {
}
