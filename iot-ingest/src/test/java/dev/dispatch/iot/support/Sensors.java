package dev.dispatch.iot.support;

import java.util.UUID;

import dev.dispatch.proto.sensor.v1.ProvisionSensorRequest;
import dev.dispatch.proto.sensor.v1.SensorCredentials;
import dev.dispatch.proto.sensor.v1.SensorServiceGrpc;

/** Sensors provisioned as an operator does it, over SensorService. */
public final class Sensors {

    private Sensors() {
    }

    /** A fresh sensor id, unique to the test run. */
    public static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static SensorCredentials provision(SensorServiceGrpc.SensorServiceBlockingStub sensors, String sensorId, String courierDeviceId) {
        ProvisionSensorRequest.Builder request = ProvisionSensorRequest.newBuilder().setSensorId(sensorId);
        if (courierDeviceId != null) {
            request.setCourierDeviceId(courierDeviceId);
        }
        return sensors.provisionSensor(request.build());
    }
}
