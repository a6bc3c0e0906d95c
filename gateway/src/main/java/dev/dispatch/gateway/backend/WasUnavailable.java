package dev.dispatch.gateway.backend;

import java.util.function.Predicate;

/** The failures worth one more try of a read: the backend was unreachable, not wrong. Not a timeout, which would double the wait. */
public class WasUnavailable implements Predicate<Throwable> {

    @Override
    public boolean test(Throwable failure) {
        return BackendFailures.isUnavailable(failure);
    }
}
