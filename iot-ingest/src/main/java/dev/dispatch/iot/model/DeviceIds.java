package dev.dispatch.iot.model;

import java.util.regex.Pattern;

/** The device id rule, the same as the order's deviceId: 1 to 64 letters, digits, '.', '_', ':' or '-'. */
public final class DeviceIds {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private DeviceIds() {
    }

    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }
}
