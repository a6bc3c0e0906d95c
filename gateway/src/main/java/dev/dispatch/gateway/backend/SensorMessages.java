package dev.dispatch.gateway.backend;

import dev.dispatch.gateway.model.ProvisionSensorRequest;
import dev.dispatch.gateway.model.UpdateSensorConfigRequest;
import dev.dispatch.proto.sensor.v1.Sensor;
import dev.dispatch.proto.sensor.v1.SensorConfig;

/**
 * Between the gateway's sensor requests and SensorService's messages, for both APIs. A field left out of a request is
 * left unset in the message (proto3 {@code optional}), so that iot-ingest applies its default or keeps the value.
 */
public final class SensorMessages {

    private SensorMessages() {
    }

    /** A valid provisioning (see {@link ProvisionSensorRequest}) as iot-ingest takes it; no courier is an empty one. */
    public static dev.dispatch.proto.sensor.v1.ProvisionSensorRequest provisionRequest(ProvisionSensorRequest sensor) {
        var request = dev.dispatch.proto.sensor.v1.ProvisionSensorRequest.newBuilder()
                .setSensorId(sensor.sensorId())
                .setCourierDeviceId(sensor.courierDeviceId() == null ? "" : sensor.courierDeviceId());
        if (sensor.reportIntervalSeconds() != null) {
            request.setReportIntervalSeconds(sensor.reportIntervalSeconds());
        }
        if (sensor.maxTemperatureC() != null) {
            request.setMaxTemperatureC(sensor.maxTemperatureC());
        }
        if (sensor.maxShockG() != null) {
            request.setMaxShockG(sensor.maxShockG());
        }
        return request.build();
    }

    /** A valid change (see {@link UpdateSensorConfigRequest}) of the sensor {@code sensorId}; no courier keeps the courier. */
    public static dev.dispatch.proto.sensor.v1.UpdateSensorConfigRequest updateRequest(String sensorId, UpdateSensorConfigRequest change) {
        var request = dev.dispatch.proto.sensor.v1.UpdateSensorConfigRequest.newBuilder()
                .setSensorId(sensorId)
                .setCourierDeviceId(change.courierDeviceId() == null ? "" : change.courierDeviceId());
        if (change.reportIntervalSeconds() != null) {
            request.setReportIntervalSeconds(change.reportIntervalSeconds());
        }
        if (change.maxTemperatureC() != null) {
            request.setMaxTemperatureC(change.maxTemperatureC());
        }
        if (change.maxShockG() != null) {
            request.setMaxShockG(change.maxShockG());
        }
        return request.build();
    }

    /** Every sensor has a configuration (iot-ingest gives a new one the defaults): one without is a backend fault. */
    public static SensorConfig config(Sensor sensor) {
        if (!sensor.hasConfig()) {
            throw new UnknownAnswer("The sensor service answered with a sensor without its configuration");
        }
        return sensor.getConfig();
    }
}
