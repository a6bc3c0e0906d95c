package dev.dispatch.gateway.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "DeviceCredentials", description = "The device's own MQTT login. The password is shown here once and never again: "
        + "store it on the device now (e.g. `mosquitto_pub -u <username> -P <password>`). The broker checks it with iot-ingest "
        + "on every connect.")
public record DeviceCredentialsResponse(
        @Schema(description = "The device.", example = "courier-7", required = true)
        String deviceId,
        @Schema(description = "The MQTT username: the device id.", example = "courier-7", required = true)
        String username,
        @Schema(description = "The MQTT password: 32 letters and digits.", example = "q3Rk8ZyB2mXw7LpN4vTd9HsCa1Ue5GjW", required = true)
        String password) {
}
