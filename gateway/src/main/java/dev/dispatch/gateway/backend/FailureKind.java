package dev.dispatch.gateway.backend;

import io.grpc.Status;

/**
 * What a failed backend call means to the gateway's caller, whatever protocol they came in by: REST turns it into a
 * problem type, GraphQL into an error code. One reading of the gRPC status, so the two APIs cannot disagree.
 */
public enum FailureKind {
    /** The request was wrong (INVALID_ARGUMENT); the backend may say which fields. */
    INVALID,
    NOT_FOUND,
    /** FAILED_PRECONDITION: not in this state (cancel after dispatch). */
    ILLEGAL_TRANSITION,
    /** ALREADY_EXISTS. */
    CONFLICT,
    FORBIDDEN,
    UNAUTHENTICATED,
    /** Unreachable, its connection broke, or too slow: try again later. */
    UNAVAILABLE,
    /** Anything else: the backend failed in a way it should not. */
    BACKEND_FAULT;

    public static FailureKind of(Throwable failure) {
        if (BackendFailures.isUnavailable(failure) || BackendFailures.isTooSlow(failure)) {
            return UNAVAILABLE;
        }
        return switch (Status.fromThrowable(failure).getCode()) {
            case INVALID_ARGUMENT, OUT_OF_RANGE -> INVALID;
            case NOT_FOUND -> NOT_FOUND;
            case FAILED_PRECONDITION -> ILLEGAL_TRANSITION;
            case ALREADY_EXISTS -> CONFLICT;
            case PERMISSION_DENIED -> FORBIDDEN;
            case UNAUTHENTICATED -> UNAUTHENTICATED;
            default -> BACKEND_FAULT;
        };
    }
}
