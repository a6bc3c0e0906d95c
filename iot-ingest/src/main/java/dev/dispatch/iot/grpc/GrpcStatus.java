package dev.dispatch.iot.grpc;

import java.util.List;

import dev.dispatch.iot.model.InvalidRequest;
import dev.dispatch.iot.model.UnknownDevice;
import dev.dispatch.iot.model.UnknownSensor;
import dev.dispatch.platform.grpc.FieldViolation;
import dev.dispatch.platform.grpc.GrpcFailures;
import io.grpc.Status;

/**
 * DeviceService's and SensorService's refusals as gRPC statuses: invalid input is INVALID_ARGUMENT with a BadRequest
 * field violation, an unknown device or sensor NOT_FOUND; the rest as every service answers it ({@link GrpcFailures}): an unreachable database
 * or broker UNAVAILABLE, anything else a bare INTERNAL, logged and never shown to the caller.
 */
final class GrpcStatus {

    private static final String CALL = "device or sensor call";
    private static final String DEPENDENCY = "database or broker";

    private GrpcStatus() {
    }

    static Throwable of(Throwable failure) {
        if (failure instanceof InvalidRequest invalid) {
            return GrpcFailures.invalidArgument(invalid.getMessage(), List.of(new FieldViolation(invalid.field(), invalid.getMessage())));
        }
        if (failure instanceof UnknownDevice || failure instanceof UnknownSensor) {
            return Status.NOT_FOUND.withDescription(failure.getMessage()).asRuntimeException();
        }
        // The MQTT connector refuses a command while its session is down ("Session is not connected"): the broker is away.
        if (failure instanceof IllegalStateException && String.valueOf(failure.getMessage()).contains("connect")) {
            return GrpcFailures.unavailable(DEPENDENCY, failure);
        }
        return GrpcFailures.unexpected(CALL, DEPENDENCY, failure);
    }
}
