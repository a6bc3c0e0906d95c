package dev.dispatch.iot.grpc;

import dev.dispatch.platform.identity.CallerIdentity;
import dev.dispatch.platform.identity.Role;
import io.grpc.Status;

/**
 * DeviceService and SensorService serve operators (device.proto, sensor.proto): devices are commanded and devices' and
 * sensors' credentials issued from the operator console, never for a customer, a courier or another service. The one exception is
 * reading devices for a customer: the gateway shows a customer the courier delivering their order (GraphQL
 * {@code Order.delivery}, {@code deviceTelemetry}), asking only about the device order-service says is on their order.
 */
final class OperatorsOnly {

    private OperatorsOnly() {
    }

    /** PERMISSION_DENIED unless the caller is an operator or, for reading devices, a customer. */
    static void requireReader(CallerIdentity caller) {
        if (!caller.is(Role.OPERATOR) && !caller.is(Role.CUSTOMER)) {
            throw Status.PERMISSION_DENIED.withDescription("devices are read for operators and customers only").asRuntimeException();
        }
    }

    /** PERMISSION_DENIED unless the caller is an operator. */
    static void require(CallerIdentity caller) {
        if (!caller.is(Role.OPERATOR)) {
            throw Status.PERMISSION_DENIED.withDescription("devices and sensors are for operators only").asRuntimeException();
        }
    }
}
