package dev.dispatch.order.grpc;

import org.jboss.logging.Logger;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;

import dev.dispatch.order.service.FieldViolation;
import dev.dispatch.order.service.OrderRejected;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;

/**
 * Turns failures into gRPC statuses. A refusal of the order rules becomes its code; invalid input
 * also carries a {@link BadRequest} detail with one field violation per bad field (read it with
 * {@code StatusProto.fromThrowable}); an unreachable database is UNAVAILABLE; anything else a bare
 * INTERNAL, logged here and never shown to the caller.
 */
final class GrpcStatus {

    private static final Logger LOG = Logger.getLogger(GrpcStatus.class);

    private GrpcStatus() {
    }

    static Throwable of(Throwable failure) {
        if (failure instanceof OrderRejected rejected) {
            return rejected.kind() == OrderRejected.Kind.INVALID ? invalid(rejected) : status(rejected).asRuntimeException();
        }
        if (isUnreachableDatabase(failure)) {
            LOG.warnf("order store unreachable: %s", failure.getMessage());
            return Status.UNAVAILABLE.withDescription("order store unavailable, try again").asRuntimeException();
        }
        LOG.error("order call failed", failure);
        return Status.INTERNAL.withDescription("internal error").asRuntimeException();
    }

    private static Status status(OrderRejected rejected) {
        Status status = switch (rejected.kind()) {
            case INVALID -> Status.INVALID_ARGUMENT;
            case UNAUTHENTICATED -> Status.UNAUTHENTICATED;
            case PERMISSION_DENIED -> Status.PERMISSION_DENIED;
            case NOT_FOUND -> Status.NOT_FOUND;
            case CONFLICT -> Status.ALREADY_EXISTS;
            case PRECONDITION -> Status.FAILED_PRECONDITION;
            case UNAVAILABLE -> Status.UNAVAILABLE;
        };
        return status.withDescription(rejected.getMessage());
    }

    private static Throwable invalid(OrderRejected rejected) {
        BadRequest.Builder badRequest = BadRequest.newBuilder();
        for (FieldViolation v : rejected.violations()) {
            badRequest.addFieldViolations(BadRequest.FieldViolation.newBuilder().setField(v.field()).setDescription(v.description()));
        }
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.INVALID_ARGUMENT_VALUE)
                .setMessage(rejected.getMessage())
                .addDetails(Any.pack(badRequest.build()))
                .build());
    }

    private static boolean isUnreachableDatabase(Throwable failure) {
        return failure instanceof java.net.ConnectException
                || failure instanceof io.vertx.sqlclient.ClosedConnectionException
                || failure instanceof io.vertx.core.impl.NoStackTraceThrowable;
    }
}
