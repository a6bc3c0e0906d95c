package dev.dispatch.order.repository;

/** An order's event as written with its state change; body is the CloudEvent JSON. */
public record StoredEvent(String id, String type, long aggregateVersion, String body) {
}
