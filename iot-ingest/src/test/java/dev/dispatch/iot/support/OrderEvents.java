package dev.dispatch.iot.support;

import java.time.Instant;
import java.util.UUID;

import dev.dispatch.testsupport.contracts.Contracts;
import io.vertx.core.json.JsonObject;

/**
 * Order events as order-service publishes them: each one valid by the contract
 * ({@code contracts/events/order-event.v1.json}) when it is made; a test that needs a broken one breaks it afterwards.
 */
public final class OrderEvents {

    private OrderEvents() {
    }

    public static JsonObject dispatched(String orderId, String customerId, String deviceId, double latitude, double longitude,
            Double maxCargoTemperatureC) {
        JsonObject data = order(orderId, customerId, "DISPATCHED", 3)
                .put("deliveryAddress", new JsonObject().put("street", "Invalidenstrasse 116").put("city", "Berlin")
                        .put("postalCode", "10115").put("country", "DE").put("latitude", latitude).put("longitude", longitude))
                .put("deviceId", deviceId);
        if (maxCargoTemperatureC != null) {
            data.put("maxCargoTemperatureC", maxCargoTemperatureC);
        }
        return envelope("dispatch.order.dispatched", orderId, data);
    }

    public static JsonObject of(String type, String orderId, String customerId, String status) {
        return envelope(type, orderId, order(orderId, customerId, status, 4)
                .put("deliveryAddress", new JsonObject().put("street", "Invalidenstrasse 116").put("city", "Berlin")
                        .put("postalCode", "10115").put("country", "DE").put("latitude", 52.5321).put("longitude", 13.3849)));
    }

    private static JsonObject order(String orderId, String customerId, String status, long version) {
        String now = Instant.now().toString();
        return new JsonObject().put("schemaVersion", 1).put("orderId", orderId).put("customerId", customerId).put("status", status)
                .put("version", version)
                .put("items", new io.vertx.core.json.JsonArray().add(new JsonObject().put("sku", "COOLER-01").put("name", "Cooler")
                        .put("quantity", 1).put("unitPriceMinor", 1250)))
                .put("total", new JsonObject().put("amountMinor", 1250).put("currency", "EUR"))
                .put("payment", new JsonObject().put("paymentId", UUID.randomUUID().toString()).put("status", "AUTHORIZED"))
                .put("createdAt", now).put("updatedAt", now);
    }

    private static JsonObject envelope(String type, String orderId, JsonObject data) {
        JsonObject event = new JsonObject().put("specversion", "1.0").put("id", UUID.randomUUID().toString()).put("source", "/order-service")
                .put("type", type).put("subject", orderId).put("time", Instant.now().toString())
                .put("datacontenttype", "application/json").put("data", data);
        Contracts.assertValidEvent("order-events", event.encode());
        return event;
    }
}
