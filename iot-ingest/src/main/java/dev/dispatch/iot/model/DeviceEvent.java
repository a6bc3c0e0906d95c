package dev.dispatch.iot.model;

import java.time.Instant;
import java.util.UUID;

/** A device event, validated. orderId, latitude and longitude are set for {@code delivered} only. */
public record DeviceEvent(UUID eventId, String deviceId, String type, Instant deviceTime, UUID orderId, Double latitude,
        Double longitude, String commandId, String outcome, String detail) {

    public static final String DELIVERED = "delivered";
    public static final String DOOR_OPENED = "door-opened";
    public static final String DOOR_CLOSED = "door-closed";
    public static final String COMMAND_ACK = "command-ack";
}
