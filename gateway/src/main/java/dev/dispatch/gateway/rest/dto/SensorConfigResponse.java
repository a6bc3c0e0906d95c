package dev.dispatch.gateway.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "SensorConfig", description = "What the sensor observes at coap://…/sensors/{id}/config: how often to report "
        + "and the limits above which a reading raises an alert.")
public record SensorConfigResponse(
        @Schema(description = "How often the sensor wakes and reports, 5 to 86400 seconds.", example = "300", required = true)
        int reportIntervalSeconds,
        @Schema(description = "Temperature alert limit in °C (an order's own lower limit wins).", example = "8", required = true)
        double maxTemperatureC,
        @Schema(description = "Shock alert limit in g.", example = "4", required = true)
        double maxShockG,
        @Schema(description = "Grows with every change, so a sensor tells a new configuration from a repeated one.", example = "1",
                required = true)
        long version) {
}
