package dev.dispatch.iot.mapping;

import java.io.IOException;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dispatch.iot.service.DeviceIds;
import dev.dispatch.iot.service.InvalidOrderEvent;
import dev.dispatch.iot.service.OrderEvent;

/**
 * Reads order-service's CloudEvents (order-service/src/main/resources/schemas/order-event.v1.json): every event
 * needs an id, a type and data.orderId; a dispatched event also the device, customer and destination. Anything
 * else is an {@link InvalidOrderEvent}.
 */
public final class OrderEventParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OrderEventParser() {
    }

    public static OrderEvent parse(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new InvalidOrderEvent("the body is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidOrderEvent("the body is not a JSON object");
        }
        if (!"1.0".equals(root.path("specversion").asText())) {
            throw new InvalidOrderEvent("specversion must be 1.0");
        }
        String id = text(root, "id");
        String type = text(root, "type");
        JsonNode data = root.get("data");
        if (data == null || !data.isObject()) {
            throw new InvalidOrderEvent("data is missing");
        }
        UUID orderId;
        try {
            orderId = UUID.fromString(text(data, "orderId"));
        } catch (IllegalArgumentException e) {
            throw new InvalidOrderEvent("data.orderId is not a UUID");
        }
        if (!OrderEvent.DISPATCHED.equals(type)) {
            return new OrderEvent(id, type, orderId, null, null, null, null, null);
        }
        String deviceId = text(data, "deviceId");
        if (!DeviceIds.isValid(deviceId)) {
            throw new InvalidOrderEvent("data.deviceId is not a valid device id");
        }
        JsonNode address = data.get("deliveryAddress");
        if (address == null || !address.isObject()) {
            throw new InvalidOrderEvent("data.deliveryAddress is missing");
        }
        JsonNode limit = data.get("maxCargoTemperatureC");
        if (limit != null && !limit.isNull() && !limit.isNumber()) {
            throw new InvalidOrderEvent("data.maxCargoTemperatureC must be a number");
        }
        return new OrderEvent(id, type, orderId, text(data, "customerId"), deviceId,
                number(address, "latitude", -90, 90), number(address, "longitude", -180, 180),
                limit == null || limit.isNull() ? null : limit.asDouble());
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new InvalidOrderEvent(name + " is missing or not a string");
        }
        return value.asText();
    }

    private static double number(JsonNode node, String name, double min, double max) {
        JsonNode value = node.get(name);
        if (value == null || !value.isNumber() || value.asDouble() < min || value.asDouble() > max) {
            throw new InvalidOrderEvent("deliveryAddress." + name + " is missing or outside " + min + ".." + max);
        }
        return value.asDouble();
    }
}
