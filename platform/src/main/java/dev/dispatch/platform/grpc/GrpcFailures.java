package dev.dispatch.platform.grpc;

import java.util.List;

import org.jboss.logging.Logger;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;

/**
 * The gRPC statuses every service answers with the same way. Invalid input is INVALID_ARGUMENT with a
 * {@link BadRequest} detail, one violation per bad field (clients read it with {@code StatusProto.fromThrowable});
 * an unreachable dependency is UNAVAILABLE (retryable); anything unexpected a bare INTERNAL, logged here with its
 * stack and never shown to the caller. A service maps its own domain refusals (NOT_FOUND, FAILED_PRECONDITION, …)
 * and falls back to {@link #unexpected}.
 */
public final class GrpcFailures {

    private static final Logger LOG = Logger.getLogger(GrpcFailures.class);

    private GrpcFailures() {
    }

    public static StatusRuntimeException invalidArgument(String message, List<FieldViolation> violations) {
        BadRequest.Builder badRequest = BadRequest.newBuilder();
        for (FieldViolation v : violations) {
            badRequest.addFieldViolations(BadRequest.FieldViolation.newBuilder().setField(v.field()).setDescription(v.description()));
        }
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.INVALID_ARGUMENT_VALUE)
                .setMessage(message)
                .addDetails(Any.pack(badRequest.build()))
                .build());
    }

    /** The database or the broker cannot be reached right now (as opposed to a bug). */
    public static boolean isUnreachable(Throwable failure) {
        return failure instanceof java.net.ConnectException
                || failure instanceof io.vertx.sqlclient.ClosedConnectionException
                || failure instanceof io.vertx.core.impl.NoStackTraceThrowable
                || failure instanceof io.smallrye.mutiny.TimeoutException;
    }

    /** UNAVAILABLE: {@code what} names the dependency for the client ("order store"). */
    public static StatusRuntimeException unavailable(String what, Throwable failure) {
        LOG.warnf("%s unreachable: %s", what, failure.toString());
        return Status.UNAVAILABLE.withDescription(what + " unavailable, try again").asRuntimeException();
    }

    /** INTERNAL, logged with its stack; {@code call} names what failed in the log ("order call"). */
    public static StatusRuntimeException internal(String call, Throwable failure) {
        LOG.error(call + " failed", failure);
        return Status.INTERNAL.withDescription("internal error").asRuntimeException();
    }

    /**
     * The status of a failure no domain rule claimed: a status already made passes through, an unreachable dependency
     * is UNAVAILABLE, anything else INTERNAL.
     */
    public static StatusRuntimeException unexpected(String call, String dependency, Throwable failure) {
        if (failure instanceof StatusRuntimeException status) {
            return status;
        }
        return isUnreachable(failure) ? unavailable(dependency, failure) : internal(call, failure);
    }
}
