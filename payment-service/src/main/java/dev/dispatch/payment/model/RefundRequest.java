package dev.dispatch.payment.service;

public record RefundRequest(String orderId, String refundId, long amountMinor, String currency, String reason) {
}
