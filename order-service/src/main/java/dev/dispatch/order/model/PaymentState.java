package dev.dispatch.order.model;

/** The order's side of its payment: payment-service's id, where it stands, and why (declines, failures). */
public record PaymentState(String paymentId, PaymentStatus status, String reason) {

    public static final PaymentState PENDING = new PaymentState(null, PaymentStatus.PENDING, null);

    public PaymentState withStatus(PaymentStatus newStatus, String newReason) {
        return new PaymentState(paymentId, newStatus, newReason);
    }
}
