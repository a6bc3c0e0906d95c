package dev.dispatch.iot.model;

/** gRPC NOT_FOUND: no device has registered under this id. */
public class UnknownDevice extends RuntimeException {

    public UnknownDevice(String deviceId) {
        super("device " + deviceId + " is not registered", null, false, false);
    }
}
