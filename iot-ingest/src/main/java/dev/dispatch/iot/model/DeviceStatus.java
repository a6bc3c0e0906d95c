package dev.dispatch.iot.model;

/** Presence as stored (device.status). */
public enum DeviceStatus {
    ONLINE,
    OFFLINE
}
