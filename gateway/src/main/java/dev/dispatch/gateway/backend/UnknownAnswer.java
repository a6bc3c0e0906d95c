package dev.dispatch.gateway.backend;

/**
 * A backend answered with a value this gateway does not know (an enum constant of a newer contract): the backend's
 * fault, not the client's. The message names the backend and what was unknown; it is meant for the client.
 */
public class UnknownAnswer extends RuntimeException {

    public UnknownAnswer(String message) {
        super(message, null, false, false);
    }
}
