package dev.dispatch.gateway.rest.model;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Whether the device is connected: OFFLINE is said by the device, or by its MQTT last will when it drops off.")
public enum DeviceState {
    ONLINE, OFFLINE
}
