package dev.dispatch.broker.security;

import java.util.Set;
import java.util.regex.Pattern;

import org.apache.activemq.artemis.core.security.CheckType;

/**
 * What a device may do on the broker, by its login: publish under {@code devices/{its id}/telemetry|events|status}
 * (its last will is a status too) and subscribe to {@code devices/{its id}/commands}, nothing else. Artemis sees the
 * MQTT topic {@code devices/c-1/telemetry} as the address {@code devices.c-1.telemetry}, and a subscription's queue by
 * its fully qualified name {@code address::queue}; only the address part decides.
 */
public final class DeviceTopics {

    /** A device id as iot-ingest issues credentials for it: no dots, no wildcards, so it is one address word. */
    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final Set<String> PUBLISHED = Set.of("telemetry", "events", "status");
    private static final String COMMANDS = "commands";

    private DeviceTopics() {
    }

    public static boolean allows(String deviceId, CheckType check, String address) {
        if (deviceId == null || address == null || !DEVICE_ID.matcher(deviceId).matches()) {
            return false;
        }
        int fqqn = address.indexOf("::");
        String own = "devices." + deviceId + ".";
        String name = fqqn < 0 ? address : address.substring(0, fqqn);
        if (!name.startsWith(own)) {
            return false;
        }
        String topic = name.substring(own.length());
        return switch (check) {
            case SEND -> PUBLISHED.contains(topic);
            // A subscription or a publish may bring its own address into being.
            case CREATE_ADDRESS -> PUBLISHED.contains(topic) || COMMANDS.equals(topic);
            case CONSUME, CREATE_DURABLE_QUEUE, CREATE_NON_DURABLE_QUEUE, DELETE_DURABLE_QUEUE, DELETE_NON_DURABLE_QUEUE ->
                    COMMANDS.equals(topic);
            default -> false;
        };
    }
}
