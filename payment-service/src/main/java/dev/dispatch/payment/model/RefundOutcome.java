package dev.dispatch.payment.service;

public record RefundOutcome(Refund refund, Payment payment) {
}
