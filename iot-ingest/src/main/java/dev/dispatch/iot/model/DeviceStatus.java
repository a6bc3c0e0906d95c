package dev.dispatch.iot.service;

/** Presence as stored (device.status). */
public enum DeviceStatus {
    ONLINE,
    OFFLINE
}
