package dev.dispatch.iot.model;

import java.time.Instant;
import java.util.UUID;

/**
 * A cargo sensor as read: the courier whose cargo box it rides in (null: none), its configuration, whether its key
 * is active (false once revoked), when it was first provisioned and last heard from (null: never), its newest
 * reading (null: none) and the order its courier is delivering now (null: none).
 */
public record Sensor(String id, String courierDeviceId, SensorConfig config, boolean credentialsActive, Instant provisionedAt,
        Instant lastSeenAt, SensorReading latest, UUID boundOrderId) {
}
