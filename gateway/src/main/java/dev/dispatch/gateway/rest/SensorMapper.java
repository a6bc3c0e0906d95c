package dev.dispatch.gateway.rest;

import static dev.dispatch.gateway.backend.Timestamps.emptyToNull;
import static dev.dispatch.gateway.backend.Timestamps.orNull;

import dev.dispatch.gateway.backend.SensorMessages;
import dev.dispatch.gateway.rest.dto.SensorConfigResponse;
import dev.dispatch.gateway.rest.dto.SensorCredentialsResponse;
import dev.dispatch.gateway.rest.dto.SensorList;
import dev.dispatch.gateway.rest.dto.SensorReadingPage;
import dev.dispatch.gateway.rest.dto.SensorReadingResponse;
import dev.dispatch.gateway.rest.dto.SensorResponse;
import dev.dispatch.proto.sensor.v1.ListSensorReadingsResponse;
import dev.dispatch.proto.sensor.v1.ListSensorsResponse;
import dev.dispatch.proto.sensor.v1.Sensor;
import dev.dispatch.proto.sensor.v1.SensorConfig;
import dev.dispatch.proto.sensor.v1.SensorCredentials;
import dev.dispatch.proto.sensor.v1.SensorReading;

/** From SensorService's messages to the REST records; what both APIs read the same way is read by {@link SensorMessages}. */
public final class SensorMapper {

    private SensorMapper() {
    }

    public static SensorResponse toRest(Sensor s) {
        return new SensorResponse(
                s.getId(),
                emptyToNull(s.getCourierDeviceId()),
                toRest(SensorMessages.config(s)),
                s.getCredentialsActive(),
                orNull(s.hasProvisionedAt(), s.getProvisionedAt()),
                orNull(s.hasLastSeenAt(), s.getLastSeenAt()),
                s.hasLatest() ? toRest(s.getLatest()) : null,
                emptyToNull(s.getBoundOrderId()));
    }

    public static SensorCredentialsResponse toRest(SensorCredentials c) {
        return new SensorCredentialsResponse(toRest(c.getSensor()), c.getPskIdentity(), c.getPskKey());
    }

    public static SensorList toRest(ListSensorsResponse sensors) {
        return new SensorList(sensors.getSensorsList().stream().map(SensorMapper::toRest).toList());
    }

    public static SensorReadingPage toRest(String sensorId, ListSensorReadingsResponse readings) {
        return new SensorReadingPage(sensorId, readings.getReadingsList().stream().map(SensorMapper::toRest).toList());
    }

    public static SensorReadingResponse toRest(SensorReading r) {
        return new SensorReadingResponse(orNull(r.hasSensorTime(), r.getSensorTime()), orNull(r.hasReceivedAt(), r.getReceivedAt()),
                r.getTemperatureC(), r.getHumidityPercent(), r.getShockG(), r.getBatteryPercent(), emptyToNull(r.getOrderId()));
    }

    private static SensorConfigResponse toRest(SensorConfig c) {
        return new SensorConfigResponse(c.getReportIntervalSeconds(), c.getMaxTemperatureC(), c.getMaxShockG(), c.getVersion());
    }
}
