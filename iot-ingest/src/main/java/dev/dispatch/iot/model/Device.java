package dev.dispatch.iot.model;

import java.time.Instant;

/** A device as read: a snapshot of its state. latest and boundOrder may be null. */
public record Device(String id, DeviceStatus status, Instant registeredAt, Instant lastSeenAt, Reading latest, Binding binding) {

    public CourierPresence presence() {
        return CourierPresence.of(status, binding);
    }
}
