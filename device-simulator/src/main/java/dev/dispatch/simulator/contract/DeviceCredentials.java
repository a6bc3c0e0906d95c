package dev.dispatch.simulator.contract;

/**
 * A courier device's own MQTT login, as an operator issues it ({@code POST /api/devices/{deviceId}/credentials} on the
 * gateway answers it once): the broker lets the device in only as its device id with this password, and then only onto
 * its own topics.
 */
public record DeviceCredentials(String deviceId, String username, String password) {

    public DeviceCredentials {
        TopicContract.requireValidDeviceId(deviceId);
        if (username == null || username.isEmpty() || password == null || password.isEmpty()) {
            throw new IllegalArgumentException("device " + deviceId + ": a username and a password are required");
        }
    }

    /** Never the password: this ends up in logs. */
    @Override
    public String toString() {
        return "DeviceCredentials[" + deviceId + ", username " + username + ", password ***]";
    }
}
