package dev.dispatch.gateway.model;

import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A change of a sensor's configuration, partial: what is left out keeps its value. REST's body, and what GraphQL's
 * {@code UpdateSensorConfigInput} is checked as; the same bounds as {@link ProvisionSensorRequest}.
 */
@ConfigChange
@Schema(description = "A change of the sensor's configuration: fields left out keep their value; at least one is required. "
        + "Sensors observing their configuration (CoAP, RFC 7641) get the new one pushed at once.", minProperties = 1)
public record UpdateSensorConfigRequest(
        @Schema(description = "How often the sensor wakes and reports, 5 to 86400 seconds.", example = "60",
                minimum = "" + SensorConfigs.MIN_REPORT_INTERVAL, maximum = "" + SensorConfigs.MAX_REPORT_INTERVAL)
        @ReportInterval
        Integer reportIntervalSeconds,
        @Schema(description = "Temperature alert limit, -40 to 85 °C.", example = "6.5",
                minimum = SensorConfigs.MIN_TEMPERATURE, maximum = SensorConfigs.MAX_TEMPERATURE)
        @TemperatureLimit
        Double maxTemperatureC,
        @Schema(description = "Shock alert limit, 0.1 to 100 g.", example = "2.5", minimum = SensorConfigs.MIN_SHOCK,
                maximum = SensorConfigs.MAX_SHOCK)
        @ShockLimit
        Double maxShockG,
        @Schema(description = "Moves the sensor to this courier device's cargo box; left out, it stays where it is.",
                example = "courier-8")
        @Pattern(regexp = DeviceIds.REGEX, message = DeviceIds.RULE)
        String courierDeviceId) {
}
