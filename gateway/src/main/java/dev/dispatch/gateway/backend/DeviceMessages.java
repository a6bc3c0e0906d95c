package dev.dispatch.gateway.backend;

import java.util.Map;

import dev.dispatch.gateway.model.CommandArgumentsValidator;
import dev.dispatch.gateway.model.CourierPresence;
import dev.dispatch.gateway.model.DeviceCommandRequest;
import dev.dispatch.gateway.model.DeviceState;
import dev.dispatch.proto.device.v1.CommandType;
import dev.dispatch.proto.device.v1.DeviceStatus;
import dev.dispatch.proto.device.v1.SendCommandRequest;

/** Between the gateway's own device values and DeviceService's messages, for both APIs. Enum names lose their proto prefix, as for orders. */
public final class DeviceMessages {

    private static final String DEVICE_STATUS = "DEVICE_STATUS_";
    private static final String COMMAND_TYPE = "COMMAND_TYPE_";

    private DeviceMessages() {
    }

    /** UNSPECIFIED (every status) when no filter was asked for. */
    public static DeviceStatus status(DeviceState state) {
        return state == null ? DeviceStatus.DEVICE_STATUS_UNSPECIFIED : DeviceStatus.valueOf(DEVICE_STATUS + state.name());
    }

    public static DeviceState state(DeviceStatus status) {
        if (status == DeviceStatus.DEVICE_STATUS_UNSPECIFIED || status == DeviceStatus.UNRECOGNIZED) {
            // iot-ingest speaks a newer contract than this gateway: a backend fault, not the client's.
            throw new UnknownAnswer("The device service answered with a device status this gateway does not know");
        }
        return DeviceState.valueOf(status.name().substring(DEVICE_STATUS.length()));
    }

    /** Null when iot-ingest said nothing (an older one that does not derive it yet). */
    public static CourierPresence presence(dev.dispatch.proto.device.v1.CourierPresence presence) {
        return switch (presence) {
            case COURIER_PRESENCE_AVAILABLE -> CourierPresence.AVAILABLE;
            case COURIER_PRESENCE_AWAY -> CourierPresence.AWAY;
            case COURIER_PRESENCE_OFFLINE -> CourierPresence.OFFLINE;
            case COURIER_PRESENCE_UNSPECIFIED -> null;
            default -> throw new UnknownAnswer("The device service answered with a courier presence this gateway does not know");
        };
    }

    /** A valid command (see {@link CommandArgumentsValidator}) as iot-ingest takes it: every argument as text. */
    public static SendCommandRequest commandRequest(String deviceId, DeviceCommandRequest command) {
        var request = SendCommandRequest.newBuilder()
                .setDeviceId(deviceId)
                .setType(CommandType.valueOf(COMMAND_TYPE + command.type()));
        Map<String, Object> arguments = command.arguments() == null ? Map.of() : command.arguments();
        arguments.forEach((name, value) -> request.putArguments(name, CommandArgumentsValidator.wireValue(value)));
        return request.build();
    }
}
