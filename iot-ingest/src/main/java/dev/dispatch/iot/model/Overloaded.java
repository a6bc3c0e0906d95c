package dev.dispatch.iot.model;

/** More waits to be stored than the service takes: try again later (CoAP 5.03 with Max-Age). */
public class Overloaded extends RuntimeException {

    public Overloaded(String message) {
        super(message, null, false, false);
    }
}
