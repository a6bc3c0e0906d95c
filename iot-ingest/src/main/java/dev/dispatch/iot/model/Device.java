package dev.dispatch.iot.model;

import java.time.Instant;

/**
 * A device as read: a snapshot of its state. latest and binding may be null; credentialsActive: it has an MQTT password
 * that logs in.
 */
public record Device(String id, DeviceStatus status, Instant registeredAt, Instant lastSeenAt, Reading latest, Binding binding,
        boolean credentialsActive) {

    public CourierPresence presence() {
        return CourierPresence.of(status, binding);
    }
}
