package dev.dispatch.platform.outbox;

import java.util.UUID;

/**
 * An event to write to the outbox, in the transaction of the change it announces. {@code body} is the whole CloudEvent
 * as JSON; {@code aggregateId} is what the event is about (its CloudEvent subject, the AMQP group-id, so a consumer
 * with several replicas still gets one aggregate's events in order); {@code aggregateVersion} may be null.
 */
public record OutboxEvent(UUID id, String address, String aggregateId, Long aggregateVersion, String type, String body) {
}
