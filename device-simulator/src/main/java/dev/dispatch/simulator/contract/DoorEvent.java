package dev.dispatch.simulator.contract;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The cargo box's door opened or closed. */
@JsonPropertyOrder({"eventId", "deviceId", "type", "deviceTime"})
public record DoorEvent(
        String eventId,
        String deviceId,
        String deviceTime,
        @JsonIgnore boolean opened) implements DeviceEvent {

    public static final String OPENED = "door-opened";
    public static final String CLOSED = "door-closed";

    @Override
    public String type() {
        return opened ? OPENED : CLOSED;
    }
}
