package dev.dispatch.order.model;

public enum OrderStatus {
    AWAITING_PAYMENT, PAID, PAYMENT_DECLINED, PAYMENT_FAILED, DISPATCHED, DELIVERED, CANCELLED;

    /** Nothing happens to an order after a final status (WatchOrder completes there). */
    public boolean isFinal() {
        return this == PAYMENT_DECLINED || this == PAYMENT_FAILED || this == DELIVERED || this == CANCELLED;
    }
}
