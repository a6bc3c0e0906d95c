package dev.dispatch.simulator.contract;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a device says on {@code devices/{deviceId}/events}; the receiver dedupes by {@link #eventId()}. */
public sealed interface DeviceEvent permits Delivered, DoorEvent, CommandAck {

    String eventId();

    String deviceId();

    @JsonProperty("type")
    String type();

    String deviceTime();
}
