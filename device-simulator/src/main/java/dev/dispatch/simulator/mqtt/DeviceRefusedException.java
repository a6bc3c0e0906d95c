package dev.dispatch.simulator.mqtt;

/** The broker refused a device for good (bad credentials, not authorized): retrying would not help. */
public class DeviceRefusedException extends RuntimeException {

    public DeviceRefusedException(String deviceId, String reason) {
        super("the broker refused " + deviceId + ": " + reason);
    }
}
