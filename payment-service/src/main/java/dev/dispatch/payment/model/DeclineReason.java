package dev.dispatch.payment.service;

public enum DeclineReason {
    INSUFFICIENT_FUNDS, FRAUD_SUSPECTED, AMOUNT_LIMIT_EXCEEDED, INVALID_TOKEN
}
