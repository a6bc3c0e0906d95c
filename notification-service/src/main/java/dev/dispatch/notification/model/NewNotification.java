package dev.dispatch.notification.model;

import java.time.Instant;

/**
 * An event as a notification, before it is stored.
 *
 * @param customerId whose order it is, when the event says so (else the stored owner of the order is used)
 * @param dataJson   the event's data as JSON text, or null
 */
public record NewNotification(
        String eventId,
        String source,
        String type,
        String orderId,
        String customerId,
        boolean operatorsOnly,
        Instant time,
        String text,
        String dataJson) {
}
