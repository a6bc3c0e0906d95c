package dev.dispatch.gateway.graphql.type;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

/**
 * A sensor to provision, every field optional here so that a missing one is reported with the gateway's own words:
 * provisionSensor checks it as the model's {@link dev.dispatch.gateway.model.ProvisionSensorRequest}, as REST's body.
 */
@Input("ProvisionSensorInput")
@Description("A cargo sensor to provision: the same fields and rules as POST /api/sensors. Configuration left out takes its default "
        + "(report every 300 s, alert above 8 °C or 4 g).")
public record ProvisionSensorInput(
        @Description("1 to 64 letters, digits, '.', '_', ':' or '-'; also the DTLS PSK identity. Required.") String sensorId,
        @Description("The courier device whose cargo box the sensor rides in.") String courierDeviceId,
        @Description("5 to 86400.") Integer reportIntervalSeconds,
        @Description("-40 to 85 °C.") Double maxTemperatureC,
        @Description("0.1 to 100 g.") Double maxShockG) {
}
