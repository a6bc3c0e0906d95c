package dev.dispatch.order.messaging;

import java.io.IOException;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What order-service needs of a delivery event from iot-ingest (a structured CloudEvent on delivery-events,
 * see iot-ingest's README): its id, its type, and for a completion the order and the device.
 */
public record DeliveryEvent(String id, String type, UUID orderId, String deviceId) {

    public static final String COMPLETED = "dispatch.delivery.completed";

    public boolean isCompletion() {
        return COMPLETED.equals(type);
    }

    /** Throws {@link InvalidDeliveryEvent}, and nothing else, for a body that is not a usable event. */
    public static DeliveryEvent parse(byte[] body, ObjectMapper json) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            throw new InvalidDeliveryEvent("the body is not JSON");
        }
        if (root == null || !root.isObject() || !"1.0".equals(root.path("specversion").asText(null))) {
            throw new InvalidDeliveryEvent("the body is not a CloudEvents 1.0 JSON object");
        }
        String id = required(root, "id");
        String type = required(root, "type");
        if (!COMPLETED.equals(type)) {
            return new DeliveryEvent(id, type, null, null);
        }
        JsonNode data = root.path("data");
        String orderId = data.hasNonNull("orderId") ? data.get("orderId").asText() : root.path("subject").asText(null);
        return new DeliveryEvent(id, type, uuid(orderId), required(data, "deviceId"));
    }

    private static String required(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new InvalidDeliveryEvent("'" + name + "' is missing or not a string");
        }
        return value.asText();
    }

    private static UUID uuid(String orderId) {
        try {
            return UUID.fromString(orderId);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidDeliveryEvent("the order id is not a UUID: " + orderId);
        }
    }

    public static final class InvalidDeliveryEvent extends RuntimeException {
        InvalidDeliveryEvent(String message) {
            super(message, null, false, false);
        }
    }
}
