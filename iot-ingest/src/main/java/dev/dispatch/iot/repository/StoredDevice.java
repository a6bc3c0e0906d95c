package dev.dispatch.iot.repository;

import java.time.Instant;

import dev.dispatch.iot.model.DeviceStatus;
import dev.dispatch.iot.model.Reading;

/**
 * A device row with its newest reading (null if it sent none), and whether it has an active MQTT password as of its
 * credential row's version (0: it never had one).
 */
public record StoredDevice(String id, DeviceStatus status, Instant registeredAt, Instant lastSeenAt, Reading latest,
        boolean credentialsActive, long credentialsVersion) {
}
