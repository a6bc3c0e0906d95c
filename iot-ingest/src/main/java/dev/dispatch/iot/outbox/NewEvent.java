package dev.dispatch.iot.repository;

import java.util.UUID;

/** An event to write to the outbox; body is the whole CloudEvent as JSON; aggregateId is its subject (order or device). */
public record NewEvent(UUID id, String address, String aggregateId, String type, String body) {
}
