package dev.dispatch.gateway.model;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An order's status as both APIs name it: order-service's {@code ORDER_STATUS_*} without the prefix. */
@Schema(description = "Where an order is in its lifecycle. AWAITING_PAYMENT: stored, payment not settled yet (the payment "
        + "service may be down; it is retried). PAYMENT_FAILED: payment could not be settled in time. The final statuses are "
        + "PAYMENT_DECLINED, PAYMENT_FAILED, DELIVERED and CANCELLED.")
public enum OrderState {
    AWAITING_PAYMENT, PAID, PAYMENT_DECLINED, PAYMENT_FAILED, DISPATCHED, DELIVERED, CANCELLED
}
