package dev.dispatch.gateway.rest;

import static dev.dispatch.gateway.backend.Timestamps.emptyToNull;
import static dev.dispatch.gateway.backend.Timestamps.orNull;

import dev.dispatch.gateway.backend.DeviceMessages;
import dev.dispatch.gateway.model.CommandType;
import dev.dispatch.gateway.model.CourierPresence;
import dev.dispatch.gateway.rest.dto.CommandAccepted;
import dev.dispatch.gateway.rest.dto.DeviceCredentialsResponse;
import dev.dispatch.gateway.rest.dto.DevicePage;
import dev.dispatch.gateway.rest.dto.DeviceResponse;
import dev.dispatch.gateway.rest.dto.Reading;
import dev.dispatch.gateway.rest.dto.TelemetryPage;
import dev.dispatch.proto.device.v1.Device;
import dev.dispatch.proto.device.v1.DeviceCredentials;
import dev.dispatch.proto.device.v1.ListDevicesResponse;
import dev.dispatch.proto.device.v1.ListTelemetryResponse;
import dev.dispatch.proto.device.v1.SendCommandResponse;
import dev.dispatch.proto.device.v1.Telemetry;

/** From DeviceService's messages to the REST records; the values both APIs share are read by {@link DeviceMessages}. */
public final class DeviceMapper {

    private DeviceMapper() {
    }

    public static DeviceResponse toRest(Device d) {
        return new DeviceResponse(
                d.getId(),
                DeviceMessages.state(d.getStatus()),
                orNull(d.hasRegisteredAt(), d.getRegisteredAt()),
                orNull(d.hasLastSeenAt(), d.getLastSeenAt()),
                d.hasLatest() ? toRest(d.getLatest()) : null,
                emptyToNull(d.getBoundOrderId()),
                presence(d),
                d.getCredentialsActive());
    }

    private static String presence(Device d) {
        CourierPresence presence = DeviceMessages.presence(d.getPresence());
        return presence == null ? null : presence.wireName();
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

    public static DeviceCredentialsResponse toRest(DeviceCredentials credentials) {
        return new DeviceCredentialsResponse(credentials.getDevice().getId(), credentials.getUsername(), credentials.getPassword());
    }

    public static CommandAccepted toRest(SendCommandResponse sent, CommandType type) {
        return new CommandAccepted(sent.getCommandId(), sent.getDeviceId(), type, orNull(sent.hasSentAt(), sent.getSentAt()));
    }
}
