package dev.dispatch.platform.identity;

/** An internal token that may not be believed, and why (the reason goes back to the caller as UNAUTHENTICATED). */
public class InvalidInternalToken extends RuntimeException {

    public InvalidInternalToken(String reason) {
        super(reason, null, false, false);
    }
}
