package dev.dispatch.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.dispatch.gateway.model.DeviceCommandRequest;
import dev.dispatch.gateway.model.DeviceState;
import dev.dispatch.proto.device.v1.CommandType;
import dev.dispatch.proto.device.v1.DeviceStatus;

class DeviceMessagesTest {

    @Test
    void everyStatusIsIotIngestsWithoutItsPrefix() {
        for (DeviceState state : DeviceState.values()) {
            assertThat(DeviceMessages.state(DeviceMessages.status(state))).isEqualTo(state);
        }
        assertThat(DeviceMessages.status(DeviceState.ONLINE)).isEqualTo(DeviceStatus.DEVICE_STATUS_ONLINE);
        assertThat(DeviceMessages.status(null)).isEqualTo(DeviceStatus.DEVICE_STATUS_UNSPECIFIED);
    }

    @Test
    void aStatusOfANewerContractIsTheBackendsFault() {
        for (DeviceStatus unknown : List.of(DeviceStatus.DEVICE_STATUS_UNSPECIFIED, DeviceStatus.UNRECOGNIZED)) {
            assertThatThrownBy(() -> DeviceMessages.state(unknown))
                    .isInstanceOf(UnknownAnswer.class)
                    .hasMessage("The device service answered with a device status this gateway does not know");
        }
    }

    @Test
    void everyCommandTypeIsIotIngests() {
        for (dev.dispatch.gateway.model.CommandType type : dev.dispatch.gateway.model.CommandType.values()) {
            assertThat(DeviceMessages.commandRequest("courier-7", new DeviceCommandRequest(type.name(), null)).getType())
                    .isEqualTo(CommandType.valueOf("COMMAND_TYPE_" + type.name()));
        }
    }

    @Test
    void argumentsGoAsText() {
        var request = DeviceMessages.commandRequest("courier-7", new DeviceCommandRequest("SET_REPORT_INTERVAL", Map.of("seconds", 30)));
        assertThat(request.getDeviceId()).isEqualTo("courier-7");
        assertThat(request.getType()).isEqualTo(CommandType.COMMAND_TYPE_SET_REPORT_INTERVAL);
        assertThat(request.getArgumentsMap()).containsExactly(Map.entry("seconds", "30"));
    }
}
