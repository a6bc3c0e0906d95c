package dev.dispatch.gateway.backend;

import io.grpc.Status;

/** How the gateway reads a failed call to a backend. */
public final class BackendFailures {

    private static final String CONNECTION_TORN_DOWN = "Connection closed after GOAWAY";

    private BackendFailures() {
    }

    /**
     * Whether the backend could not be reached, or the connection to it broke under the call: then the same call
     * may well succeed later. grpc-java reports a connection the server ended with an error GOAWAY as INTERNAL, not
     * UNAVAILABLE; a Vert.x-based gRPC server does that when it answers a call its client already gave up on, taking
     * every other call on the connection down with it.
     */
    public static boolean isUnavailable(Throwable failure) {
        Status status = Status.fromThrowable(failure);
        return switch (status.getCode()) {
            case UNAVAILABLE -> true;
            case INTERNAL -> status.getDescription() != null && status.getDescription().startsWith(CONNECTION_TORN_DOWN);
            default -> false;
        };
    }

    public static boolean isTooSlow(Throwable failure) {
        return Status.fromThrowable(failure).getCode() == Status.Code.DEADLINE_EXCEEDED;
    }
}
