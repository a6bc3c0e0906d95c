package dev.dispatch.notification.mapping;

/** A message that is not a CloudEvent we can show: no retry will help, it belongs on the dead-letter address. */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
