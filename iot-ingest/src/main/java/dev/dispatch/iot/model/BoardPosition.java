package dev.dispatch.iot.model;

import java.time.Instant;
import java.util.UUID;

/**
 * A courier's position as the web dispatch board shows it (contracts/board/board-position.v1.json); orderId is
 * null while the courier carries no order.
 */
public record BoardPosition(String deviceId, UUID orderId, double latitude, double longitude, double cargoTemperatureC,
        double batteryPercent, Instant at) {

    public static BoardPosition of(Reading reading, Binding binding) {
        return new BoardPosition(reading.deviceId(), binding == null ? null : binding.orderId(), reading.latitude(),
                reading.longitude(), reading.cargoTemperatureC(), reading.batteryPercent(), reading.deviceTime());
    }
}
