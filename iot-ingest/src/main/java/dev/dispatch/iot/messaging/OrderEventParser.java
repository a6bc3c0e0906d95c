package dev.dispatch.iot.messaging;

import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import dev.dispatch.iot.model.DeviceIds;
import dev.dispatch.iot.model.InvalidOrderEvent;
import dev.dispatch.iot.model.OrderEvent;
import dev.dispatch.platform.cloudevents.InvalidEvent;
import dev.dispatch.platform.cloudevents.ReceivedEvent;

/**
 * Reads order-service's CloudEvents ({@code contracts/events/order-event.v1.json}): the envelope as every consumer
 * reads it ({@link ReceivedEvent}: specversion 1.0, id, type, and source {@value #PRODUCER}, the one producer of
 * order-events), then data.orderId; a dispatched event also
 * the device, customer and destination. Anything else is an {@link InvalidOrderEvent}.
 */
public final class OrderEventParser {

    /** The only service that may publish to order-events (the broker lets no other login send there). */
    public static final String PRODUCER = "/order-service";

    private OrderEventParser() {
    }

    public static OrderEvent parse(byte[] body) {
        ReceivedEvent event;
        try {
            event = ReceivedEvent.parse(body, PRODUCER);
        } catch (InvalidEvent e) {
            throw new InvalidOrderEvent(e.getMessage());
        }
        JsonNode data = event.data();
        if (data == null || !data.isObject()) {
            throw new InvalidOrderEvent("data is missing");
        }
        UUID orderId;
        try {
            orderId = UUID.fromString(text(data, "orderId"));
        } catch (IllegalArgumentException e) {
            throw new InvalidOrderEvent("data.orderId is not a UUID");
        }
        if (!OrderEvent.DISPATCHED.equals(event.type())) {
            return new OrderEvent(event.id(), event.source(), event.type(), orderId, null, null, null, null, null);
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
        return new OrderEvent(event.id(), event.source(), event.type(), orderId, text(data, "customerId"), deviceId,
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
