package dev.dispatch.payment.model;

/** Where a payment stands; a declined payment stays declined, refunds move a captured one on. */
public enum PaymentStatus {
    AUTHORIZED, DECLINED, PARTIALLY_REFUNDED, REFUNDED
}
