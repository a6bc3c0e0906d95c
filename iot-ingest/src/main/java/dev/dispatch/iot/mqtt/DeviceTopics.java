package dev.dispatch.iot.mqtt;

import dev.dispatch.iot.model.DeviceIds;
import dev.dispatch.iot.model.MessageKind;
import dev.dispatch.iot.model.RejectReason;
import dev.dispatch.iot.model.Rejected;

/** The topic contract: devices/{deviceId}/telemetry|events|status in, devices/{deviceId}/commands out. */
public final class DeviceTopics {

    /** Everything under devices/, so that a topic outside the contract is seen (and counted), not silently unheard. */
    public static final String SUBSCRIPTION = "devices/#";

    /** A topic parsed: the device, and the kind, or null for the commands topic (our own messages, not ingested). */
    public record Route(String deviceId, MessageKind kind) {
    }

    private DeviceTopics() {
    }

    /**
     * The subscription shared by a group of subscribers (MQTT 5's $share/{group}/{filter}, which Artemis also takes
     * from MQTT 3.1.1 clients): each message goes to one connected member of the group.
     */
    public static String shared(String group) {
        if (group.isEmpty() || group.contains("/") || group.contains("+") || group.contains("#")) {
            throw new IllegalArgumentException("dispatch.iot.mqtt.share-group '" + group + "' must be non-empty, without '/', '+' or '#'");
        }
        return "$share/" + group + "/" + SUBSCRIPTION;
    }

    public static String commands(String deviceId) {
        return "devices/" + deviceId + "/commands";
    }

    public static Route route(String topic) {
        String[] levels = topic.split("/", -1);
        if (levels.length != 3 || !levels[0].equals("devices")) {
            throw new Rejected(RejectReason.UNKNOWN_TOPIC, "topic " + topic + " is not devices/{deviceId}/telemetry|events|status");
        }
        MessageKind kind = switch (levels[2]) {
            case "telemetry" -> MessageKind.TELEMETRY;
            case "events" -> MessageKind.EVENT;
            case "status" -> MessageKind.STATUS;
            case "commands" -> null;
            default -> throw new Rejected(RejectReason.UNKNOWN_TOPIC, "topic " + topic + " is not devices/{deviceId}/telemetry|events|status");
        };
        if (!DeviceIds.isValid(levels[1])) {
            throw new Rejected(RejectReason.UNKNOWN_TOPIC, "topic " + topic + " does not name a valid device id");
        }
        return new Route(levels[1], kind);
    }
}
