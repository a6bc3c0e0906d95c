package dev.dispatch.testsupport.contracts;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A device topic of the MQTT contract: {@code devices/{deviceId}/status|telemetry|events|commands}. */
record MqttTopic(String deviceId, String kind) {

    private static final Pattern TOPIC = Pattern.compile("devices/([A-Za-z0-9._:-]{1,64})/(status|telemetry|events|commands)");

    /** The topic parsed, or null when it is not one of the contract. */
    static MqttTopic parse(String topic) {
        Matcher matcher = TOPIC.matcher(topic == null ? "" : topic);
        return matcher.matches() ? new MqttTopic(matcher.group(1), matcher.group(2)) : null;
    }

    /** The channel address in the AsyncAPI document, e.g. devices/{deviceId}/telemetry. */
    String address() {
        return "devices/{deviceId}/" + kind;
    }
}
