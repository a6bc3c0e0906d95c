package dev.dispatch.gateway.model;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A device's status as both APIs name it: iot-ingest's {@code DEVICE_STATUS_*} without the prefix. */
@Schema(description = "Whether the device is connected: OFFLINE is said by the device, or by its MQTT last will when it drops off.")
public enum DeviceState {
    ONLINE, OFFLINE
}
