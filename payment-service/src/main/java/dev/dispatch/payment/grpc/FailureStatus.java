package dev.dispatch.payment.grpc;

import dev.dispatch.payment.model.PaymentRejected;
import dev.dispatch.platform.grpc.GrpcFailures;
import io.grpc.Status;

/**
 * What status a failed call answers with: a rule's refusal its own code and message; anything else what every
 * service answers (UNAVAILABLE while the database is unreachable, otherwise a bare INTERNAL, logged here).
 */
final class FailureStatus {

    private FailureStatus() {
    }

    static RuntimeException of(Throwable failure) {
        if (failure instanceof PaymentRejected rejected) {
            return codeOf(rejected.kind()).withDescription(rejected.getMessage()).asRuntimeException();
        }
        return GrpcFailures.unexpected("payment call", "payment store", failure);
    }

    static Status codeOf(PaymentRejected.Kind kind) {
        return switch (kind) {
            case INVALID -> Status.INVALID_ARGUMENT;
            case NOT_FOUND -> Status.NOT_FOUND;
            case CONFLICT -> Status.ALREADY_EXISTS;
            case PRECONDITION -> Status.FAILED_PRECONDITION;
        };
    }
}
