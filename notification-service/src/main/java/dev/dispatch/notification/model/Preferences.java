package dev.dispatch.notification.model;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which event types a user wants on which channel. Only switches that were set are kept; everything else is on,
 * so a new event type reaches everyone until they turn it off.
 */
public record Preferences(Map<String, Map<Channel, Boolean>> switches) {

    /** The event types every user is shown in the preferences, with their current switches. */
    public static final List<String> KNOWN_TYPES = List.of(
            "dispatch.order.placed",
            "dispatch.order.paid",
            "dispatch.order.payment-declined",
            "dispatch.order.payment-failed",
            "dispatch.order.dispatched",
            "dispatch.order.delivered",
            "dispatch.order.cancelled");

    /**
     * The alert types (address device-alerts), which only operators receive: an operator's preferences list them after
     * the known types, a customer's do not.
     */
    public static final List<String> ALERT_TYPES = List.of(
            "dispatch.device.alert.temperature",
            "dispatch.device.alert.battery",
            "dispatch.device.alert.offline",
            "dispatch.sensor.alert.temperature",
            "dispatch.sensor.alert.shock",
            "dispatch.sensor.alert.battery");

    public static final Preferences ALL_ON = new Preferences(Map.of());

    public boolean allows(String type, Channel channel) {
        Map<Channel, Boolean> byChannel = switches.get(type);
        Boolean on = byChannel == null ? null : byChannel.get(channel);
        return on == null ? channel.onByDefault() : on;
    }

    /** Every known type and every type with a switch, each with both channels' effective value. */
    public Map<String, Map<Channel, Boolean>> effective() {
        return effective(false);
    }

    /** The same, and for an operator the alert types too, after the known types. */
    public Map<String, Map<Channel, Boolean>> effective(boolean operator) {
        Map<String, Map<Channel, Boolean>> all = new LinkedHashMap<>();
        KNOWN_TYPES.forEach(type -> all.put(type, null));
        if (operator) {
            ALERT_TYPES.forEach(type -> all.put(type, null));
        }
        switches.keySet().stream().sorted().forEach(type -> all.put(type, null));
        all.replaceAll((type, ignored) -> {
            Map<Channel, Boolean> values = new EnumMap<>(Channel.class);
            for (Channel channel : Channel.values()) {
                values.put(channel, allows(type, channel));
            }
            return values;
        });
        return all;
    }
}
