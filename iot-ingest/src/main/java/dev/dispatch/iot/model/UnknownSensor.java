package dev.dispatch.iot.model;

/** No sensor with this id was provisioned (gRPC NOT_FOUND); for readings and configuration also: its key is revoked (CoAP 4.04). */
public class UnknownSensor extends RuntimeException {

    public UnknownSensor(String sensorId) {
        super("sensor " + sensorId + " is not provisioned", null, false, false);
    }

    public UnknownSensor(String sensorId, String why) {
        super("sensor " + sensorId + " " + why, null, false, false);
    }
}
