package dev.dispatch.order.model;

/** The CloudEvent type of each state an order can enter; one event per entry. */
public enum OrderEventType {
    PLACED("dispatch.order.placed"),
    PAID("dispatch.order.paid"),
    PAYMENT_DECLINED("dispatch.order.payment-declined"),
    PAYMENT_FAILED("dispatch.order.payment-failed"),
    DISPATCHED("dispatch.order.dispatched"),
    DELIVERED("dispatch.order.delivered"),
    CANCELLED("dispatch.order.cancelled");

    private final String type;

    OrderEventType(String type) {
        this.type = type;
    }

    public String type() {
        return type;
    }

    public static OrderEventType entering(OrderStatus status) {
        return switch (status) {
            case AWAITING_PAYMENT -> PLACED;
            case PAID -> PAID;
            case PAYMENT_DECLINED -> PAYMENT_DECLINED;
            case PAYMENT_FAILED -> PAYMENT_FAILED;
            case DISPATCHED -> DISPATCHED;
            case DELIVERED -> DELIVERED;
            case CANCELLED -> CANCELLED;
        };
    }
}
