package dev.dispatch.order.model;

/** Where the order's money stands, as order-service knows it. */
public enum PaymentStatus {
    /** No answer from payment-service yet. */
    PENDING,
    AUTHORIZED,
    DECLINED,
    /** payment-service could not be reached within the bound, or refused the call. */
    FAILED,
    /** A cancellation is refunding the payment; the order is still PAID and cannot be dispatched. */
    REFUNDING,
    REFUNDED,
    /** The order ended before payment, and payment-service confirmed that nothing was charged. */
    NONE
}
