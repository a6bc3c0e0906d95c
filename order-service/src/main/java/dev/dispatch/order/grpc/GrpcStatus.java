package dev.dispatch.order.grpc;

import dev.dispatch.order.model.OrderRejected;
import dev.dispatch.platform.grpc.FieldViolation;
import dev.dispatch.platform.grpc.GrpcFailures;
import io.grpc.Status;

/**
 * Turns failures into gRPC statuses. A refusal of the order rules becomes its code; invalid input
 * also carries a {@code BadRequest} detail with one field violation per bad field (read it with
 * {@code StatusProto.fromThrowable}); the rest is the platform's: an unreachable database is
 * UNAVAILABLE, anything else a bare INTERNAL, logged and never shown to the caller.
 */
final class GrpcStatus {

    private GrpcStatus() {
    }

    static Throwable of(Throwable failure) {
        if (failure instanceof OrderRejected rejected) {
            return rejected.kind() == OrderRejected.Kind.INVALID
                    ? GrpcFailures.invalidArgument(rejected.getMessage(),
                            rejected.violations().stream().map(v -> new FieldViolation(v.field(), v.description())).toList())
                    : status(rejected).asRuntimeException();
        }
        return GrpcFailures.unexpected("order call", "order store", failure);
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
}
