package dev.dispatch.gateway.model;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A cargo sensor to provision: REST's body, and what GraphQL's {@code ProvisionSensorInput} is checked as. The
 * configuration fields are optional: iot-ingest gives what is left out its default.
 */
@Schema(description = "A cargo sensor to provision (or to provision again: a new key, the old one stops working). "
        + "Configuration left out takes its default.")
public record ProvisionSensorRequest(
        @Schema(description = "The sensor's id, also its DTLS PSK identity: 1 to 64 letters, digits, '.', '_', ':' or '-'.",
                example = "tag-1")
        @NotNull(message = "is required")
        @Pattern(regexp = DeviceIds.REGEX, message = DeviceIds.RULE)
        String sensorId,
        @Schema(description = "The courier device whose cargo box the sensor rides in; leave out for none.", example = "courier-7")
        @Pattern(regexp = DeviceIds.REGEX, message = DeviceIds.RULE)
        String courierDeviceId,
        @Schema(description = "How often the sensor wakes and reports, 5 to 86400 seconds; default 300.", example = "300",
                minimum = "" + SensorConfigs.MIN_REPORT_INTERVAL, maximum = "" + SensorConfigs.MAX_REPORT_INTERVAL)
        @ReportInterval
        Integer reportIntervalSeconds,
        @Schema(description = "A reading above raises a temperature alert (an order's own lower limit wins), -40 to 85 °C; "
                + "default 8.", example = "8", minimum = SensorConfigs.MIN_TEMPERATURE, maximum = SensorConfigs.MAX_TEMPERATURE)
        @TemperatureLimit
        Double maxTemperatureC,
        @Schema(description = "A reading above raises a shock alert, 0.1 to 100 g; default 4.", example = "4",
                minimum = SensorConfigs.MIN_SHOCK, maximum = SensorConfigs.MAX_SHOCK)
        @ShockLimit
        Double maxShockG) {
}
