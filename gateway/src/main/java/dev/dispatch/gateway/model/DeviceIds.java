package dev.dispatch.gateway.model;

import java.util.regex.Pattern;

/**
 * iot-ingest's rule for device ids (the MQTT topic segment): 1 to 64 letters, digits, '.', '_', ':' or '-'. Cargo
 * sensor ids (the CoAP path segment and DTLS PSK identity) follow the same rule.
 */
public final class DeviceIds {

    public static final String REGEX = "^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$";
    public static final String RULE = "must be 1 to 64 letters, digits, '.', '_', ':' or '-'";

    private static final Pattern VALID = Pattern.compile(REGEX);

    private DeviceIds() {
    }

    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }
}
