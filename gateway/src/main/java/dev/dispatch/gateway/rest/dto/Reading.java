package dev.dispatch.gateway.rest.dto;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "One telemetry reading of a device.")
public record Reading(
        @Schema(description = "The device's own clock.", required = true)
        Instant deviceTime,
        @Schema(description = "When iot-ingest stored it.", required = true)
        Instant receivedAt,
        @Schema(example = "52.5321", required = true)
        double latitude,
        @Schema(example = "13.3849", required = true)
        double longitude,
        @Schema(description = "Cargo temperature in °C.", example = "6.5", required = true)
        double cargoTemperatureC,
        @Schema(description = "Battery charge, 0 to 100 %.", example = "87", required = true)
        double batteryPercent) {
}
