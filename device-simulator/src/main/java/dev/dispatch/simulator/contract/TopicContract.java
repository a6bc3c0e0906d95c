package dev.dispatch.simulator.contract;

import java.util.regex.Pattern;

/**
 * The device side of the MQTT contract: where a device publishes, where it listens, and the rules every payload
 * follows. The normative contract is contracts/asyncapi.yaml with the schemas in contracts/mqtt; this client-side
 * copy is checked against them by the tests (ContractConformanceTest).
 */
public final class TopicContract {

    /** Every publication and subscription of a device is at least once. */
    public static final int QOS = 1;

    /** No payload may be larger; a larger command is rejected, never parsed. */
    public static final int MAX_PAYLOAD_BYTES = 4096;

    public static final String ONLINE = "{\"status\":\"online\"}";
    public static final String OFFLINE = "{\"status\":\"offline\"}";

    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private TopicContract() {
    }

    public static boolean isValidDeviceId(String deviceId) {
        return deviceId != null && DEVICE_ID.matcher(deviceId).matches();
    }

    /** @throws IllegalArgumentException with the rule, for an id the contract does not allow */
    public static String requireValidDeviceId(String deviceId) {
        if (!isValidDeviceId(deviceId)) {
            throw new IllegalArgumentException("device id '" + deviceId
                    + "' must be 1 to 64 letters, digits, '.', '_', ':' or '-'");
        }
        return deviceId;
    }

    /** Retained; {@link #ONLINE} on connect, {@link #OFFLINE} as last will and on a clean stop. */
    public static String status(String deviceId) {
        return "devices/" + deviceId + "/status";
    }

    public static String telemetry(String deviceId) {
        return "devices/" + deviceId + "/telemetry";
    }

    public static String events(String deviceId) {
        return "devices/" + deviceId + "/events";
    }

    public static String commands(String deviceId) {
        return "devices/" + deviceId + "/commands";
    }
}
