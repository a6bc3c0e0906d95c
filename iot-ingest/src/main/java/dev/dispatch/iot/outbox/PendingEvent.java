package dev.dispatch.iot.repository;

import java.util.UUID;

/** An outbox event not yet accepted by the broker; body is the CloudEvent JSON as stored. */
public record PendingEvent(long seq, UUID id, String address, String aggregateId, String type, String body) {
}
