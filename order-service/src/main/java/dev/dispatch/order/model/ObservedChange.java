package dev.dispatch.order.model;

/** What WatchOrder streams: the order after a change, with the change's event (both null for the first snapshot). */
public record ObservedChange(String eventId, String eventType, Order order) {
}
