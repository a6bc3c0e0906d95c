package dev.dispatch.payment.model;

/** An Authorize call; {@code orderId} is also its idempotency key. Checked by {@link RequestRules}. */
public record AuthorizationRequest(String orderId, String customerId, long amountMinor, String currency, String paymentToken) {
}
