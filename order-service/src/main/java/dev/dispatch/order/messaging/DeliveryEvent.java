package dev.dispatch.order.messaging;

import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import dev.dispatch.platform.cloudevents.InvalidEvent;
import dev.dispatch.platform.cloudevents.ReceivedEvent;

/**
 * What order-service needs of a delivery event from iot-ingest (a structured CloudEvent on delivery-events,
 * schema {@code contracts/events/delivery-event.v1.json}): its source and id, its type, and for a completion
 * the order and the device.
 */
public record DeliveryEvent(String source, String id, String type, UUID orderId, String deviceId) {

    public static final String COMPLETED = "dispatch.delivery.completed";
    /** The one producer of delivery-events: an event that names another source is refused. */
    public static final String SOURCE = "/iot-ingest";

    public boolean isCompletion() {
        return COMPLETED.equals(type);
    }

    /** Throws {@link InvalidEvent}, and nothing else, for a body that is not a usable event or not iot-ingest's. */
    public static DeliveryEvent parse(byte[] body) {
        return of(ReceivedEvent.parse(body, SOURCE));
    }

    /** Throws {@link InvalidEvent} for a completion without a UUID order id (data, else subject) or a device. */
    private static DeliveryEvent of(ReceivedEvent event) {
        if (!COMPLETED.equals(event.type())) {
            return new DeliveryEvent(event.source(), event.id(), event.type(), null, null);
        }
        JsonNode data = event.data();
        String orderId = data != null && data.hasNonNull("orderId") ? data.get("orderId").asText() : event.subject();
        return new DeliveryEvent(event.source(), event.id(), event.type(), uuid(orderId), deviceId(data));
    }

    private static String deviceId(JsonNode data) {
        JsonNode value = data == null ? null : data.get("deviceId");
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new InvalidEvent("'deviceId' is missing or not a string");
        }
        return value.asText();
    }

    private static UUID uuid(String orderId) {
        try {
            return UUID.fromString(orderId);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidEvent("the order id is not a UUID: " + orderId);
        }
    }
}
