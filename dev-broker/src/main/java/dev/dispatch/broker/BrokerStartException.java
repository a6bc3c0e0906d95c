package dev.dispatch.broker;

/** The broker could not start; the message says why in one line. */
public class BrokerStartException extends Exception {

    public BrokerStartException(String message) {
        super(message);
    }

    public BrokerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
