package dev.dispatch.iot.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.dispatch.iot.model.MessageKind;
import dev.dispatch.iot.model.RejectReason;
import dev.dispatch.iot.model.Rejected;

/** The topic contract: devices/{deviceId}/telemetry|events|status in, devices/{deviceId}/commands out. */
class DeviceTopicsTest {

    @ParameterizedTest
    @CsvSource({
            "devices/courier-1/telemetry, courier-1, TELEMETRY",
            "devices/box:7.a_b/events, box:7.a_b, EVENT",
            "devices/c/status, c, STATUS",
            "devices/courier-1/commands, courier-1, "})
    void aContractTopicNamesTheDeviceAndTheKind(String topic, String deviceId, MessageKind kind) {
        assertThat(DeviceTopics.route(topic)).isEqualTo(new DeviceTopics.Route(deviceId, kind));
    }

    @ParameterizedTest
    @ValueSource(strings = {"devices/courier-1/gossip", "devices/courier-1/telemetry/extra", "devices/courier-1", "devices//telemetry",
            "devices/bad id/telemetry", "devices/a+b/status", "gadgets/courier-1/telemetry", "devices/courier-1/Telemetry", ""})
    void anythingElseIsAnUnknownTopic(String topic) {
        assertThatThrownBy(() -> DeviceTopics.route(topic)).isInstanceOfSatisfying(Rejected.class,
                r -> assertThat(r.reason()).isEqualTo(RejectReason.UNKNOWN_TOPIC));
    }

    @ParameterizedTest
    @ValueSource(strings = {"courier-1", "box:7"})
    void commandsGoToTheDevicesOwnTopic(String deviceId) {
        assertThat(DeviceTopics.commands(deviceId)).isEqualTo("devices/" + deviceId + "/commands");
        assertThat(DeviceTopics.route(DeviceTopics.commands(deviceId)).kind()).isNull();
    }
}
