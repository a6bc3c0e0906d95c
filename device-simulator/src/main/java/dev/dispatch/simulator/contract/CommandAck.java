package dev.dispatch.simulator.contract;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The answer to every command. {@code commandId} is null only when the command was so malformed
 * that it had none.
 */
@JsonPropertyOrder({"eventId", "deviceId", "type", "deviceTime", "commandId", "outcome", "detail"})
public record CommandAck(
        String eventId,
        String deviceId,
        String deviceTime,
        String commandId,
        String outcome,
        String detail) implements DeviceEvent {

    public static final String TYPE = "command-ack";
    public static final String DONE = "done";
    public static final String REJECTED = "rejected";

    @Override
    public String type() {
        return TYPE;
    }

    public boolean done() {
        return DONE.equals(outcome);
    }
}
