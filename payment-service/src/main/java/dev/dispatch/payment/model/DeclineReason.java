package dev.dispatch.payment.model;

/** Why an authorization was declined (see {@link AuthorizationPolicy}). */
public enum DeclineReason {
    INSUFFICIENT_FUNDS, FRAUD_SUSPECTED, AMOUNT_LIMIT_EXCEEDED, INVALID_TOKEN
}
