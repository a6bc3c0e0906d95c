package dev.dispatch.iot.model;

import java.time.Instant;

/** One telemetry reading, validated; receivedAt is the server's clock when it arrived. */
public record Reading(String deviceId, Instant deviceTime, Instant receivedAt, double latitude, double longitude,
        double cargoTemperatureC, double batteryPercent) {
}
