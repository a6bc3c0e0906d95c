package dev.dispatch.iot.grpc;

import java.time.Instant;
import java.util.List;

import com.google.protobuf.Timestamp;

import dev.dispatch.iot.model.Command;
import dev.dispatch.iot.model.CourierPresence;
import dev.dispatch.iot.model.Device;
import dev.dispatch.iot.model.DevicePage;
import dev.dispatch.iot.model.DeviceStatus;
import dev.dispatch.iot.model.Reading;
import dev.dispatch.iot.service.DeviceCommands;
import dev.dispatch.iot.service.DeviceProvisioning;
import dev.dispatch.proto.device.v1.CommandType;
import dev.dispatch.proto.device.v1.DeviceCredentials;
import dev.dispatch.proto.device.v1.ListDevicesResponse;
import dev.dispatch.proto.device.v1.ListTelemetryResponse;
import dev.dispatch.proto.device.v1.SendCommandResponse;
import dev.dispatch.proto.device.v1.Telemetry;

/** Between the service's records and DeviceService's messages. */
public final class DeviceMapper {

    private DeviceMapper() {
    }

    public static dev.dispatch.proto.device.v1.Device toProto(Device device) {
        var builder = dev.dispatch.proto.device.v1.Device.newBuilder()
                .setId(device.id())
                .setStatus(toProto(device.status()))
                .setPresence(toProto(device.presence()))
                .setRegisteredAt(timestamp(device.registeredAt()))
                .setCredentialsActive(device.credentialsActive());
        if (device.lastSeenAt() != null) {
            builder.setLastSeenAt(timestamp(device.lastSeenAt()));
        }
        if (device.latest() != null) {
            builder.setLatest(toProto(device.latest()));
        }
        if (device.binding() != null) {
            builder.setBoundOrderId(device.binding().orderId().toString());
        }
        return builder.build();
    }

    /** The MQTT login: the device id and the password, which is never shown again. */
    public static DeviceCredentials toProto(DeviceProvisioning.Issued issued) {
        return DeviceCredentials.newBuilder()
                .setDevice(toProto(issued.device()))
                .setUsername(issued.device().id())
                .setPassword(issued.password())
                .build();
    }

    public static ListDevicesResponse toProto(DevicePage page) {
        return ListDevicesResponse.newBuilder()
                .addAllDevices(page.devices().stream().map(DeviceMapper::toProto).toList())
                .setNextPageToken(page.nextPageToken())
                .build();
    }

    public static ListTelemetryResponse toProto(List<Reading> readings) {
        return ListTelemetryResponse.newBuilder().addAllReadings(readings.stream().map(DeviceMapper::toProto).toList()).build();
    }

    public static Telemetry toProto(Reading reading) {
        return Telemetry.newBuilder()
                .setDeviceId(reading.deviceId())
                .setDeviceTime(timestamp(reading.deviceTime()))
                .setReceivedAt(timestamp(reading.receivedAt()))
                .setLatitude(reading.latitude())
                .setLongitude(reading.longitude())
                .setCargoTemperatureC(reading.cargoTemperatureC())
                .setBatteryPercent(reading.batteryPercent())
                .build();
    }

    public static SendCommandResponse toProto(Command command) {
        return SendCommandResponse.newBuilder()
                .setCommandId(command.commandId().toString())
                .setDeviceId(command.deviceId())
                .setSentAt(timestamp(command.sentAt()))
                .build();
    }

    public static dev.dispatch.proto.device.v1.DeviceStatus toProto(DeviceStatus status) {
        return status == DeviceStatus.ONLINE ? dev.dispatch.proto.device.v1.DeviceStatus.DEVICE_STATUS_ONLINE
                : dev.dispatch.proto.device.v1.DeviceStatus.DEVICE_STATUS_OFFLINE;
    }

    public static dev.dispatch.proto.device.v1.CourierPresence toProto(CourierPresence presence) {
        return switch (presence) {
            case AVAILABLE -> dev.dispatch.proto.device.v1.CourierPresence.COURIER_PRESENCE_AVAILABLE;
            case AWAY -> dev.dispatch.proto.device.v1.CourierPresence.COURIER_PRESENCE_AWAY;
            case OFFLINE -> dev.dispatch.proto.device.v1.CourierPresence.COURIER_PRESENCE_OFFLINE;
        };
    }

    /** Null (any status) for UNSPECIFIED. */
    public static DeviceStatus toStatusFilter(dev.dispatch.proto.device.v1.DeviceStatus status) {
        return switch (status) {
            case DEVICE_STATUS_ONLINE -> DeviceStatus.ONLINE;
            case DEVICE_STATUS_OFFLINE -> DeviceStatus.OFFLINE;
            default -> null;
        };
    }

    /** The MQTT command type; null for UNSPECIFIED or a number this version does not know. */
    public static String toCommandType(CommandType type) {
        return switch (type) {
            case COMMAND_TYPE_PING -> DeviceCommands.PING;
            case COMMAND_TYPE_SET_REPORT_INTERVAL -> DeviceCommands.SET_REPORT_INTERVAL;
            case COMMAND_TYPE_LOCK_CARGO -> DeviceCommands.LOCK_CARGO;
            case COMMAND_TYPE_UNLOCK_CARGO -> DeviceCommands.UNLOCK_CARGO;
            default -> null;
        };
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
