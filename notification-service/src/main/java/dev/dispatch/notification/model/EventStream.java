package dev.dispatch.notification.model;

/** The AMQP addresses notification-service takes events from, and what each means for who sees them. */
public enum EventStream {
    ORDER_EVENTS("order-events"),
    DELIVERY_EVENTS("delivery-events"),
    DEVICE_ALERTS("device-alerts");

    private final String address;

    EventStream(String address) {
        this.address = address;
    }

    public String address() {
        return address;
    }

    /** Device alerts are for operators, even when the alert names a customer's order. */
    public boolean operatorsOnly() {
        return this == DEVICE_ALERTS;
    }
}
