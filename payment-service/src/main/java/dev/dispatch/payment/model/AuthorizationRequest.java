package dev.dispatch.payment.service;

public record AuthorizationRequest(String orderId, String customerId, long amountMinor, String currency, String paymentToken) {
}
