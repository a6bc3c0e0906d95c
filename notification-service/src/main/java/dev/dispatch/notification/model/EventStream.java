package dev.dispatch.notification.model;

/**
 * The AMQP addresses notification-service takes events from, the one producer allowed on each (its CloudEvents
 * {@code source}, contracts/asyncapi.yaml), and what each means for who sees them.
 */
public enum EventStream {
    ORDER_EVENTS("order-events", "/order-service"),
    DELIVERY_EVENTS("delivery-events", "/iot-ingest"),
    DEVICE_ALERTS("device-alerts", "/iot-ingest");

    private final String address;
    private final String producer;

    EventStream(String address, String producer) {
        this.address = address;
        this.producer = producer;
    }

    public String address() {
        return address;
    }

    /** The source every event on this address must have; any other is refused (dead-lettered), never shown. */
    public String producer() {
        return producer;
    }

    /** Device alerts are for operators, even when the alert names a customer's order. */
    public boolean operatorsOnly() {
        return this == DEVICE_ALERTS;
    }
}
