package dev.dispatch.notification.support;

import java.time.Instant;
import java.util.UUID;

import dev.dispatch.testsupport.contracts.Contracts;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * CloudEvents 1.0 in structured mode, shaped like what order-service and iot-ingest publish. Every event built by
 * {@link #order}, {@link #delivery}, {@link #deviceAlert} and {@link #sensorAlert} is checked against its address's contract (the
 * AsyncAPI document and event schemas of the top-level {@code contracts/} module) before a test publishes it, so
 * these tests consume only what the producers may send. {@link #envelope} builds events outside the contract on
 * purpose (e.g. a type a producer may add later); a test that uses it says why.
 */
public final class CloudEvents {

    public static final String ORDER_EVENTS = "order-events";
    public static final String DELIVERY_EVENTS = "delivery-events";
    public static final String DEVICE_ALERTS = "device-alerts";
    public static final String COURIER_PRESENCE = "courier-presence";

    private CloudEvents() {
    }

    /** An order event as order-service writes it (contracts/events/order-event.v1.json); the type's last segment is e.g. "paid". */
    public static JsonObject order(String type, String orderId, String customerId) {
        String status = switch (type) {
            case "placed" -> "AWAITING_PAYMENT";
            case "paid" -> "PAID";
            case "payment-declined" -> "PAYMENT_DECLINED";
            case "payment-failed" -> "PAYMENT_FAILED";
            case "dispatched" -> "DISPATCHED";
            case "delivered" -> "DELIVERED";
            case "cancelled" -> "CANCELLED";
            default -> throw new IllegalArgumentException(type);
        };
        String now = Instant.now().toString();
        JsonObject data = new JsonObject()
                .put("schemaVersion", 1)
                .put("orderId", orderId)
                .put("customerId", customerId)
                .put("status", status)
                .put("version", 1)
                .put("items", new JsonArray().add(new JsonObject().put("sku", "BOX-1").put("name", "Box").put("quantity", 2)
                        .put("unitPriceMinor", 1400)))
                .put("total", new JsonObject().put("amountMinor", 2800).put("currency", "EUR"))
                .put("deliveryAddress", new JsonObject().put("street", "Main 1").put("city", "Ghent").put("postalCode", "9000")
                        .put("country", "BE").put("latitude", 51.05).put("longitude", 3.72))
                .put("payment", new JsonObject().put("status", status.equals("PAID") ? "AUTHORIZED" : "PENDING"))
                .put("createdAt", now)
                .put("updatedAt", now);
        if (type.equals("dispatched")) {
            data.put("deviceId", "courier-7");
        }
        return valid(ORDER_EVENTS, envelope("/order-service", "dispatch.order." + type, orderId, data));
    }

    /** {@code dispatch.order.dispatched} to the given courier device (as order-service writes it; checked as {@link #order}). */
    public static JsonObject dispatched(String orderId, String customerId, String courierDeviceId) {
        JsonObject event = order("dispatched", orderId, customerId);
        event.getJsonObject("data").put("deviceId", courierDeviceId);
        return valid(ORDER_EVENTS, event);
    }

    /**
     * A delivery event as iot-ingest writes it (contracts/events/delivery-event.v1.json): type "progress" or
     * "completed"; {@code data} sets the fields a test cares about, the contract's other fields get plausible values.
     */
    public static JsonObject delivery(String type, String orderId, String customerId, JsonObject data) {
        JsonObject full = new JsonObject()
                .put("schemaVersion", 1)
                .put("orderId", orderId)
                .put("customerId", customerId)
                .put("deviceId", "courier-7")
                .put("latitude", 51.06)
                .put("longitude", 3.71);
        if (type.equals("progress")) {
            full.put("distanceMeters", 500).put("cargoTemperatureC", 4.5).put("batteryPercent", 80).put("deviceTime", Instant.now().toString());
        } else {
            full.put("deliveredAt", Instant.now().toString());
        }
        return valid(DELIVERY_EVENTS, envelope("/iot-ingest", "dispatch.delivery." + type, orderId, full.mergeIn(data)));
    }

    /**
     * A device alert as iot-ingest writes it (contracts/events/device-alert.v1.json): type "temperature", "battery" or
     * "offline"; {@code data} sets the fields a test cares about, the contract's other required fields get plausible values.
     */
    public static JsonObject deviceAlert(String type, String deviceId, JsonObject data) {
        JsonObject full = new JsonObject().put("schemaVersion", 1).put("deviceId", deviceId);
        switch (type) {
            case "temperature" -> full.put("temperatureC", 9.0).put("limitC", 8.0).put("consecutiveReadings", 3);
            case "battery" -> full.put("batteryPercent", 9).put("thresholdPercent", 10);
            case "offline" -> full.put("lastSeenAt", Instant.now().toString());
            default -> throw new IllegalArgumentException(type);
        }
        return valid(DEVICE_ALERTS, envelope("/iot-ingest", "dispatch.device.alert." + type, deviceId, full.mergeIn(data)));
    }

    /**
     * A cargo sensor's alert as iot-ingest writes it on device-alerts (contracts/events/sensor-alert.v1.json): type
     * "temperature", "shock" or "battery", subject = the sensor id; {@code data} sets the fields a test cares about
     * (courierDeviceId, orderId with customerId), the contract's other required fields get plausible values.
     */
    public static JsonObject sensorAlert(String type, String sensorId, JsonObject data) {
        JsonObject full = new JsonObject().put("schemaVersion", 1).put("sensorId", sensorId).put("readingTime", Instant.now().toString());
        switch (type) {
            case "temperature" -> full.put("value", 9.5).put("limit", 8.0);
            case "shock" -> full.put("value", 6.2).put("limit", 4.0);
            case "battery" -> full.put("value", 14.5).put("limit", 15.0);
            default -> throw new IllegalArgumentException(type);
        }
        return valid(DEVICE_ALERTS, envelope("/iot-ingest", "dispatch.sensor.alert." + type, sensorId, full.mergeIn(data)));
    }

    /**
     * A courier's presence change as iot-ingest writes it (contracts/events/courier-presence.v1.json): "available",
     * "away" (with {@code orderId}) or "offline", changed at {@code since}.
     */
    public static JsonObject presence(String deviceId, String presence, String orderId, Instant since) {
        JsonObject data = new JsonObject().put("schemaVersion", 1).put("deviceId", deviceId).put("presence", presence)
                .put("since", since.toString());
        if (orderId != null) {
            data.put("orderId", orderId);
        }
        return valid(COURIER_PRESENCE, envelope("/iot-ingest", "dispatch.courier.presence.changed", deviceId, data));
    }

    /** Fails the test unless the event is one the contract allows on that address; returns it. */
    public static JsonObject valid(String address, JsonObject event) {
        Contracts.assertValidEvent(address, event.encode());
        return event;
    }

    /** Any CloudEvent, unchecked: for events outside the contract on purpose. */
    public static JsonObject envelope(String source, String type, String subject, JsonObject data) {
        return new JsonObject()
                .put("specversion", "1.0")
                .put("id", UUID.randomUUID().toString())
                .put("source", source)
                .put("type", type)
                .put("subject", subject)
                .put("time", Instant.now().toString())
                .put("datacontenttype", "application/json")
                .put("data", data);
    }
}
