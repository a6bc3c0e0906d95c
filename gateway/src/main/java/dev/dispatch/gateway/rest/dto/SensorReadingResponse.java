package dev.dispatch.gateway.rest.dto;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "SensorReading", description = "One reading of a cargo sensor, sent over CoAP.")
public record SensorReadingResponse(
        @Schema(description = "The sensor's own clock.", required = true)
        Instant sensorTime,
        @Schema(description = "When iot-ingest received it.", required = true)
        Instant receivedAt,
        @Schema(description = "Cargo temperature in °C.", example = "4.5", required = true)
        double temperatureC,
        @Schema(description = "Relative humidity, 0 to 100 %.", example = "61", required = true)
        double humidityPercent,
        @Schema(description = "Shock in g.", example = "0.3", required = true)
        double shockG,
        @Schema(description = "Battery charge, 0 to 100 %.", example = "87.5", required = true)
        double batteryPercent,
        @Schema(description = "The order the sensor's courier was delivering when the reading arrived, if any.", format = "uuid",
                example = "0b9a4f7e-3c2d-4e5f-8a9b-1c2d3e4f5a6b")
        String orderId) {
}
