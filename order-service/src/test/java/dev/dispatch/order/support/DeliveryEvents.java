package dev.dispatch.order.support;

import java.time.Instant;
import java.util.UUID;

import io.vertx.core.json.JsonObject;

/**
 * Delivery events as iot-ingest publishes them to the address delivery-events: structured CloudEvents, valid by
 * the contract ({@code contracts/events/delivery-event.v1.json}; checked by DeliveryEventTest) unless a test
 * breaks them on purpose.
 */
public final class DeliveryEvents {

    public static final String ADDRESS = "delivery-events";

    private DeliveryEvents() {
    }

    /** A delivery-completed event as iot-ingest writes it. */
    public static JsonObject completed(String eventId, String orderId, String deviceId) {
        return envelope(eventId, "dispatch.delivery.completed", orderId, new JsonObject()
                .put("schemaVersion", 1).put("orderId", orderId).put("customerId", "someone").put("deviceId", deviceId)
                .put("latitude", 52.517).put("longitude", 13.3889).put("deliveredAt", Instant.now().toString()));
    }

    public static JsonObject progress(String orderId, String deviceId) {
        return envelope(UUID.randomUUID().toString(), "dispatch.delivery.progress", orderId, new JsonObject()
                .put("schemaVersion", 1).put("orderId", orderId).put("customerId", "someone").put("deviceId", deviceId)
                .put("latitude", 52.52).put("longitude", 13.39).put("distanceMeters", 420).put("cargoTemperatureC", 4.5)
                .put("batteryPercent", 80).put("deviceTime", Instant.now().toString()));
    }

    public static JsonObject envelope(String id, String type, String subject, JsonObject data) {
        return new JsonObject().put("specversion", "1.0").put("id", id).put("source", "/iot-ingest").put("type", type)
                .put("subject", subject).put("time", Instant.now().toString()).put("datacontenttype", "application/json")
                .put("data", data);
    }
}
