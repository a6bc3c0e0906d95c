package dev.dispatch.payment.model;

/** A Refund call; {@code refundId} is its idempotency key. Checked by {@link RequestRules}. */
public record RefundRequest(String orderId, String refundId, long amountMinor, String currency, String reason) {
}
