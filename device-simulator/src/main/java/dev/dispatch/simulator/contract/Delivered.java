package dev.dispatch.simulator.contract;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The courier handed the order over at this position. */
@JsonPropertyOrder({"eventId", "deviceId", "type", "deviceTime", "orderId", "latitude", "longitude"})
public record Delivered(
        String eventId,
        String deviceId,
        String deviceTime,
        String orderId,
        double latitude,
        double longitude) implements DeviceEvent {

    public static final String TYPE = "delivered";

    @Override
    public String type() {
        return TYPE;
    }
}
