package dev.dispatch.iot.mqtt;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dispatch.iot.model.DeviceEvent;
import dev.dispatch.iot.model.DeviceStatus;
import dev.dispatch.iot.model.Reading;
import dev.dispatch.iot.model.RejectReason;
import dev.dispatch.iot.model.Rejected;

/**
 * Reads what devices publish (the MQTT contract in the README) into validated records. Anything else is a
 * {@link Rejected} with the first thing that is wrong, never another exception.
 */
public final class DevicePayloads {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> EVENT_TYPES = Set.of(DeviceEvent.DELIVERED, DeviceEvent.DOOR_OPENED, DeviceEvent.DOOR_CLOSED,
            DeviceEvent.COMMAND_ACK);

    private DevicePayloads() {
    }

    public static Reading telemetry(String topicDeviceId, byte[] payload, Instant now, Duration maxClockSkew) {
        JsonNode root = object(payload);
        sameDevice(topicDeviceId, root, true);
        Instant deviceTime = instant(root, "deviceTime");
        if (deviceTime.isAfter(now.plus(maxClockSkew))) {
            throw new Rejected(RejectReason.OUT_OF_RANGE, "deviceTime " + deviceTime + " is more than " + maxClockSkew.toMinutes()
                    + " min ahead of the server's clock");
        }
        return new Reading(topicDeviceId, deviceTime, now,
                number(root, "latitude", -90, 90),
                number(root, "longitude", -180, 180),
                number(root, "cargoTemperatureC", -50, 100),
                number(root, "batteryPercent", 0, 100));
    }

    public static DeviceEvent event(String topicDeviceId, byte[] payload) {
        JsonNode root = object(payload);
        UUID eventId = uuid(root, "eventId");
        sameDevice(topicDeviceId, root, true);
        String type = text(root, "type");
        if (!EVENT_TYPES.contains(type)) {
            throw new Rejected(RejectReason.INVALID_FIELD, "type '" + type + "' is not a device event (" + String.join(", ", EVENT_TYPES) + ")");
        }
        Instant deviceTime = instant(root, "deviceTime");
        return switch (type) {
            case DeviceEvent.DELIVERED -> new DeviceEvent(eventId, topicDeviceId, type, deviceTime, uuid(root, "orderId"),
                    number(root, "latitude", -90, 90), number(root, "longitude", -180, 180), null, null, null);
            case DeviceEvent.COMMAND_ACK -> {
                String outcome = text(root, "outcome");
                if (!outcome.equals("done") && !outcome.equals("rejected")) {
                    throw new Rejected(RejectReason.INVALID_FIELD, "outcome must be done or rejected, not '" + outcome + "'");
                }
                JsonNode detail = root.get("detail");
                yield new DeviceEvent(eventId, topicDeviceId, type, deviceTime, null, null, null, text(root, "commandId"), outcome,
                        detail == null || detail.isNull() ? null : detail.asText());
            }
            default -> new DeviceEvent(eventId, topicDeviceId, type, deviceTime, null, null, null, null, null, null);
        };
    }

    public static DeviceStatus status(String topicDeviceId, byte[] payload) {
        JsonNode root = object(payload);
        sameDevice(topicDeviceId, root, false);
        String status = text(root, "status");
        return switch (status) {
            case "online" -> DeviceStatus.ONLINE;
            case "offline" -> DeviceStatus.OFFLINE;
            default -> throw new Rejected(RejectReason.INVALID_FIELD, "status must be online or offline, not '" + status + "'");
        };
    }

    private static JsonNode object(byte[] payload) {
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (IOException e) {
            throw new Rejected(RejectReason.MALFORMED_JSON, "the payload is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new Rejected(RejectReason.MALFORMED_JSON, "the payload is not a JSON object");
        }
        return root;
    }

    // The topic names the device; a payload that names another one is not trusted with either.
    private static void sameDevice(String topicDeviceId, JsonNode root, boolean required) {
        JsonNode id = root.get("deviceId");
        if (id == null || id.isNull()) {
            if (required) {
                throw new Rejected(RejectReason.MISSING_FIELD, "deviceId is missing");
            }
            return;
        }
        if (!id.isTextual() || !id.asText().equals(topicDeviceId)) {
            throw new Rejected(RejectReason.DEVICE_ID_MISMATCH, "deviceId " + id + " differs from the topic's " + topicDeviceId);
        }
    }

    private static JsonNode field(JsonNode root, String name) {
        JsonNode value = root.get(name);
        if (value == null || value.isNull()) {
            throw new Rejected(RejectReason.MISSING_FIELD, name + " is missing");
        }
        return value;
    }

    private static String text(JsonNode root, String name) {
        JsonNode value = field(root, name);
        if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > 256) {
            throw new Rejected(RejectReason.INVALID_FIELD, name + " must be a non-empty string of at most 256 characters");
        }
        return value.asText();
    }

    private static double number(JsonNode root, String name, double min, double max) {
        JsonNode value = field(root, name);
        if (!value.isNumber()) {
            throw new Rejected(RejectReason.INVALID_FIELD, name + " must be a number");
        }
        double number = value.asDouble();
        if (!Double.isFinite(number) || number < min || number > max) {
            throw new Rejected(RejectReason.OUT_OF_RANGE, name + " " + value + " is outside " + min + ".." + max);
        }
        return number;
    }

    private static Instant instant(JsonNode root, String name) {
        String value = text(root, name);
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new Rejected(RejectReason.INVALID_FIELD, name + " '" + value + "' is not an ISO-8601 instant");
        }
    }

    private static UUID uuid(JsonNode root, String name) {
        String value = text(root, name);
        try {
            UUID id = UUID.fromString(value);
            if (!id.toString().equalsIgnoreCase(value)) {
                throw new IllegalArgumentException(value);
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw new Rejected(RejectReason.INVALID_FIELD, name + " '" + value + "' is not a UUID");
        }
    }
}
