package dev.dispatch.notification.service;

import dev.dispatch.notification.model.EventStream;
import dev.dispatch.notification.model.NewNotification;
import dev.dispatch.notification.model.NotificationTexts;
import dev.dispatch.platform.cloudevents.ReceivedEvent;

/**
 * A CloudEvent of any type as a notification. Order events name their order in {@code subject}; delivery
 * events name it in {@code subject} or {@code data.orderId}; device alerts name the device in {@code subject}
 * and the order, if any, in {@code data.orderId}. {@code data.customerId} says whose order it is, where known.
 */
public final class EventMapper {

    private EventMapper() {
    }

    public static NewNotification toNotification(EventStream stream, ReceivedEvent event) {
        String orderId = stream == EventStream.DEVICE_ALERTS
                ? event.dataText("orderId")
                : firstOf(event.dataText("orderId"), event.subject());
        String deviceId = stream == EventStream.DEVICE_ALERTS
                ? firstOf(event.dataText("deviceId"), event.subject())
                : event.dataText("deviceId");
        return new NewNotification(
                event.id(),
                event.source(),
                event.type(),
                orderId,
                event.dataText("customerId"),
                stream.operatorsOnly(),
                event.time(),
                NotificationTexts.describe(stream, event.type(), event.data(), orderId, deviceId),
                event.data() == null ? null : event.data().toString());
    }

    private static String firstOf(String a, String b) {
        return a != null ? a : b;
    }
}
