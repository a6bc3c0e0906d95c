package dev.dispatch.iot.grpc;

import java.time.Instant;
import java.util.List;

import com.google.protobuf.Timestamp;

import dev.dispatch.iot.model.Sensor;
import dev.dispatch.iot.model.SensorConfig;
import dev.dispatch.iot.model.SensorReading;
import dev.dispatch.iot.service.SensorProvisioning;
import dev.dispatch.proto.sensor.v1.ListSensorReadingsResponse;
import dev.dispatch.proto.sensor.v1.ListSensorsResponse;
import dev.dispatch.proto.sensor.v1.SensorCredentials;

/** Between the service's sensor records and SensorService's messages. */
public final class SensorMapper {

    private SensorMapper() {
    }

    public static dev.dispatch.proto.sensor.v1.Sensor toProto(Sensor sensor) {
        var builder = dev.dispatch.proto.sensor.v1.Sensor.newBuilder()
                .setId(sensor.id())
                .setCourierDeviceId(sensor.courierDeviceId() == null ? "" : sensor.courierDeviceId())
                .setConfig(toProto(sensor.config()))
                .setCredentialsActive(sensor.credentialsActive())
                .setProvisionedAt(timestamp(sensor.provisionedAt()));
        if (sensor.lastSeenAt() != null) {
            builder.setLastSeenAt(timestamp(sensor.lastSeenAt()));
        }
        if (sensor.latest() != null) {
            builder.setLatest(toProto(sensor.latest()));
        }
        if (sensor.boundOrderId() != null) {
            builder.setBoundOrderId(sensor.boundOrderId().toString());
        }
        return builder.build();
    }

    public static dev.dispatch.proto.sensor.v1.SensorConfig toProto(SensorConfig config) {
        return dev.dispatch.proto.sensor.v1.SensorConfig.newBuilder()
                .setReportIntervalSeconds(config.reportIntervalSeconds())
                .setMaxTemperatureC(config.maxTemperatureC())
                .setMaxShockG(config.maxShockG())
                .setVersion(config.version())
                .build();
    }

    public static dev.dispatch.proto.sensor.v1.SensorReading toProto(SensorReading reading) {
        var builder = dev.dispatch.proto.sensor.v1.SensorReading.newBuilder()
                .setSensorId(reading.sensorId())
                .setSensorTime(timestamp(reading.sensorTime()))
                .setReceivedAt(timestamp(reading.receivedAt()))
                .setTemperatureC(reading.temperatureC())
                .setHumidityPercent(reading.humidityPercent())
                .setShockG(reading.shockG())
                .setBatteryPercent(reading.batteryPercent());
        if (reading.orderId() != null) {
            builder.setOrderId(reading.orderId().toString());
        }
        return builder.build();
    }

    public static SensorCredentials toProto(SensorProvisioning.Provisioned provisioned) {
        return SensorCredentials.newBuilder()
                .setSensor(toProto(provisioned.sensor()))
                .setPskIdentity(provisioned.sensor().id())
                .setPskKey(provisioned.key())
                .build();
    }

    public static ListSensorsResponse toListResponse(List<Sensor> sensors) {
        return ListSensorsResponse.newBuilder().addAllSensors(sensors.stream().map(SensorMapper::toProto).toList()).build();
    }

    public static ListSensorReadingsResponse toReadingsResponse(List<SensorReading> readings) {
        return ListSensorReadingsResponse.newBuilder().addAllReadings(readings.stream().map(SensorMapper::toProto).toList()).build();
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
