package dev.dispatch.gateway.mapping;

import static dev.dispatch.gateway.mapping.Timestamps.emptyToNull;
import static dev.dispatch.gateway.mapping.Timestamps.orNull;

import java.util.Map;

import dev.dispatch.gateway.problem.ProblemException;
import dev.dispatch.gateway.problem.ProblemType;
import dev.dispatch.gateway.rest.model.CommandAccepted;
import dev.dispatch.gateway.rest.model.CommandType;
import dev.dispatch.gateway.rest.model.DeviceCommandRequest;
import dev.dispatch.gateway.rest.model.DevicePage;
import dev.dispatch.gateway.rest.model.DeviceResponse;
import dev.dispatch.gateway.rest.model.DeviceState;
import dev.dispatch.gateway.rest.model.Reading;
import dev.dispatch.gateway.rest.model.TelemetryPage;
import dev.dispatch.gateway.validation.CommandArgumentsValidator;
import dev.dispatch.proto.device.v1.Device;
import dev.dispatch.proto.device.v1.DeviceStatus;
import dev.dispatch.proto.device.v1.ListDevicesResponse;
import dev.dispatch.proto.device.v1.ListTelemetryResponse;
import dev.dispatch.proto.device.v1.SendCommandRequest;
import dev.dispatch.proto.device.v1.SendCommandResponse;
import dev.dispatch.proto.device.v1.Telemetry;

/** Between the REST records and the DeviceService messages. Enum names lose their proto prefix, as for orders. */
public final class DeviceMapper {

    private static final String DEVICE_STATUS = "DEVICE_STATUS_";
    private static final String COMMAND_TYPE = "COMMAND_TYPE_";

    private DeviceMapper() {
    }

    /** UNSPECIFIED (every status) when no filter was asked for; the name was validated against {@link DeviceState}. */
    public static DeviceStatus toProtoStatus(String status) {
        return status == null ? DeviceStatus.DEVICE_STATUS_UNSPECIFIED : DeviceStatus.valueOf(DEVICE_STATUS + DeviceState.valueOf(status).name());
    }

    public static SendCommandRequest toProto(String deviceId, DeviceCommandRequest command) {
        var request = SendCommandRequest.newBuilder()
                .setDeviceId(deviceId)
                .setType(dev.dispatch.proto.device.v1.CommandType.valueOf(COMMAND_TYPE + command.type()));
        Map<String, Object> arguments = command.arguments() == null ? Map.of() : command.arguments();
        arguments.forEach((name, value) -> request.putArguments(name, CommandArgumentsValidator.wireValue(value)));
        return request.build();
    }

    public static DeviceResponse toRest(Device d) {
        return new DeviceResponse(
                d.getId(),
                toState(d.getStatus()),
                orNull(d.hasRegisteredAt(), d.getRegisteredAt()),
                orNull(d.hasLastSeenAt(), d.getLastSeenAt()),
                d.hasLatest() ? toRest(d.getLatest()) : null,
                emptyToNull(d.getBoundOrderId()));
    }

    public static DevicePage toRest(ListDevicesResponse page) {
        return new DevicePage(page.getDevicesList().stream().map(DeviceMapper::toRest).toList(), emptyToNull(page.getNextPageToken()));
    }

    public static TelemetryPage toRest(String deviceId, ListTelemetryResponse readings) {
        return new TelemetryPage(deviceId, readings.getReadingsList().stream().map(DeviceMapper::toRest).toList());
    }

    public static Reading toRest(Telemetry t) {
        return new Reading(orNull(t.hasDeviceTime(), t.getDeviceTime()), orNull(t.hasReceivedAt(), t.getReceivedAt()),
                t.getLatitude(), t.getLongitude(), t.getCargoTemperatureC(), t.getBatteryPercent());
    }

    public static CommandAccepted toRest(SendCommandResponse sent, CommandType type) {
        return new CommandAccepted(sent.getCommandId(), sent.getDeviceId(), type, orNull(sent.hasSentAt(), sent.getSentAt()));
    }

    public static DeviceState toState(DeviceStatus status) {
        if (status == DeviceStatus.DEVICE_STATUS_UNSPECIFIED || status == DeviceStatus.UNRECOGNIZED) {
            // iot-ingest speaks a newer contract than this gateway: a backend fault, not the client's.
            throw new ProblemException(ProblemType.BAD_GATEWAY, "The device service answered with a device status this gateway does not know");
        }
        return DeviceState.valueOf(status.name().substring(DEVICE_STATUS.length()));
    }
}
