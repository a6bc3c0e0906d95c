package dev.dispatch.notification.model;

import java.time.Instant;

/**
 * The chat room of a dispatched order: {@code order-<orderId>} on the room domain, its customer and courier members;
 * closed (kept, read-only) once the order was delivered or cancelled.
 */
public record ChatRoom(String orderId, String customerId, String courierDeviceId, boolean open, Instant openedAt) {

    public String localpart() {
        return localpart(orderId);
    }

    public static String localpart(String orderId) {
        return "order-" + orderId;
    }
}
