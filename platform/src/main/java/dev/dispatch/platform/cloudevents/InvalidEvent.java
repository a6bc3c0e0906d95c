package dev.dispatch.platform.cloudevents;

/** A message that is not a usable event; its message says why. Stackless: it is expected input, not a bug. */
public class InvalidEvent extends RuntimeException {

    public InvalidEvent(String message) {
        super(message, null, false, false);
    }

    public InvalidEvent(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
