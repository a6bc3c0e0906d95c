package dev.dispatch.iot.grpc;

import org.jboss.logging.Logger;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;

import dev.dispatch.iot.service.InvalidRequest;
import dev.dispatch.iot.service.UnknownDevice;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;

/**
 * Turns failures into gRPC statuses: invalid input is INVALID_ARGUMENT with a {@link BadRequest} field violation,
 * an unknown device NOT_FOUND, an unreachable database or broker UNAVAILABLE; anything else a bare INTERNAL, logged
 * here and never shown to the caller.
 */
final class GrpcStatus {

    private static final Logger LOG = Logger.getLogger(GrpcStatus.class);

    private GrpcStatus() {
    }

    static Throwable of(Throwable failure) {
        if (failure instanceof StatusRuntimeException) {
            return failure;
        }
        if (failure instanceof InvalidRequest invalid) {
            return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                    .setCode(Code.INVALID_ARGUMENT_VALUE)
                    .setMessage(invalid.getMessage())
                    .addDetails(Any.pack(BadRequest.newBuilder().addFieldViolations(BadRequest.FieldViolation.newBuilder()
                            .setField(invalid.field()).setDescription(invalid.getMessage())).build()))
                    .build());
        }
        if (failure instanceof UnknownDevice) {
            return Status.NOT_FOUND.withDescription(failure.getMessage()).asRuntimeException();
        }
        if (isUnreachable(failure)) {
            LOG.warnf("device call failed, a dependency is unreachable: %s", failure.toString());
            return Status.UNAVAILABLE.withDescription("temporarily unavailable, try again").asRuntimeException();
        }
        LOG.error("device call failed", failure);
        return Status.INTERNAL.withDescription("internal error").asRuntimeException();
    }

    private static boolean isUnreachable(Throwable failure) {
        return failure instanceof java.net.ConnectException
                || failure instanceof io.vertx.sqlclient.ClosedConnectionException
                || failure instanceof io.vertx.core.impl.NoStackTraceThrowable
                || failure instanceof io.smallrye.mutiny.TimeoutException
                || failure instanceof IllegalStateException && String.valueOf(failure.getMessage()).contains("connect");
    }
}
