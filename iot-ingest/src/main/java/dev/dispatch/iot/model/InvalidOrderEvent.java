package dev.dispatch.iot.model;

/** An order-events message iot-ingest cannot read: a poison message, for the dead-letter queue. */
public class InvalidOrderEvent extends RuntimeException {

    public InvalidOrderEvent(String message) {
        super(message, null, false, false);
    }
}
