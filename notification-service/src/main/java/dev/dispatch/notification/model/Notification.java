package dev.dispatch.notification.model;

import dev.dispatch.platform.cloudevents.TraceContext;

/**
 * A stored notification as every replica sees it.
 *
 * @param seq   its number, increasing in commit order across replicas: the SSE id and WebSocket notification id
 * @param json  the notification object as sent on both channels (rendered once, shared by every connection)
 * @param trace the span it was stored in (the consumer's of its event), continued by its pushes; null outside any span
 */
public record Notification(
        long seq,
        String type,
        String orderId,
        String customerId,
        boolean operatorsOnly,
        String json,
        TraceContext trace) {

    /** The id clients see: the SSE {@code id:} and the WebSocket {@code id}. */
    public String id() {
        return Long.toString(seq);
    }
}
