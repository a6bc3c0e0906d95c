package dev.dispatch.notification.websocket;

/** A client message we cannot act on; answered with an {@code error} message, the connection stays open. */
public class BadClientMessage extends Exception {

    private final String code;

    public BadClientMessage(String code, String message) {
        super(message);
        this.code = code;
    }

    /** {@code malformed}, {@code unknown-type}, {@code invalid}, {@code not-found}, {@code too-many}, {@code unavailable}. */
    public String code() {
        return code;
    }
}
