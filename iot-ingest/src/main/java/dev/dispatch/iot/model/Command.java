package dev.dispatch.iot.model;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A command to a device as it goes out on devices/{deviceId}/commands (arguments are all strings). */
public record Command(UUID commandId, String deviceId, String type, Map<String, String> arguments, Instant sentAt) {
}
