package dev.dispatch.gateway.graphql.type;

import java.time.Instant;

/** One telemetry reading of a device: the device's clock, when iot-ingest stored it, where and how the cargo was. */
public record Reading(
        Instant deviceTime,
        Instant receivedAt,
        double latitude,
        double longitude,
        double cargoTemperatureC,
        double batteryPercent) {
}
