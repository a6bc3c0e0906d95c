package dev.dispatch.gateway.backend;

import io.grpc.Status;

/**
 * A failed call to a backend, with which backend it was: the gRPC status alone does not say whether NOT_FOUND
 * meant an order or a device. The original failure stays the cause, so {@link Status#fromThrowable} and the
 * rich error details (google.rpc.BadRequest) still read through it.
 */
public class BackendException extends RuntimeException {

    private final Backend backend;

    public BackendException(Backend backend, Throwable cause) {
        super(backend.service() + ": " + Status.fromThrowable(cause), cause, false, false);
        this.backend = backend;
    }

    public Backend backend() {
        return backend;
    }

    public Status status() {
        return Status.fromThrowable(getCause());
    }

    /** Tags a failure with its backend once; a failure already tagged (a retried call) keeps its tag. */
    static Throwable tag(Backend backend, Throwable failure) {
        return failure instanceof BackendException ? failure : new BackendException(backend, failure);
    }
}
