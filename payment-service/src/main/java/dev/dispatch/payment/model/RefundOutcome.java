package dev.dispatch.payment.model;

/** A refund and the payment as it is after it. */
public record RefundOutcome(Refund refund, Payment payment) {
}
