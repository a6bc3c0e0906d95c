package dev.dispatch.notification.support;

import java.time.Instant;
import java.util.UUID;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** CloudEvents 1.0 in structured mode, shaped like what order-service and iot-ingest publish. */
public final class CloudEvents {

    private CloudEvents() {
    }

    /** An order event as order-service writes it (schemas/order-event.v1.json); the type's last segment is e.g. "paid". */
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
        return envelope("/order-service", "dispatch.order." + type, orderId, data);
    }

    public static JsonObject delivery(String type, String orderId, JsonObject data) {
        return envelope("/iot-ingest", "dispatch.delivery." + type, orderId, data.copy().put("orderId", orderId));
    }

    public static JsonObject deviceAlert(String type, String deviceId, JsonObject data) {
        return envelope("/iot-ingest", "dispatch.device." + type, deviceId, data.copy().put("deviceId", deviceId));
    }

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
