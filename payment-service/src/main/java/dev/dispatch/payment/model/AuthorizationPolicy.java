package dev.dispatch.payment.model;

import java.util.Optional;

/**
 * Decides an authorization from the payment token alone, so that tests and demos choose the outcome.
 * There is no card network behind this service: the tokens are documented in the README.
 *
 * @param amountLimitMinor above this many minor units even {@link #APPROVE} is declined (AMOUNT_LIMIT_EXCEEDED)
 */
public record AuthorizationPolicy(long amountLimitMinor) {

    public static final String APPROVE = "tok_approve";
    public static final String INSUFFICIENT_FUNDS = "tok_insufficient_funds";
    public static final String FRAUD = "tok_fraud";

    /** Empty when approved, otherwise why not. */
    public Optional<DeclineReason> decline(String paymentToken, long amountMinor) {
        DeclineReason reason = switch (paymentToken) {
            case APPROVE -> null;
            case INSUFFICIENT_FUNDS -> DeclineReason.INSUFFICIENT_FUNDS;
            case FRAUD -> DeclineReason.FRAUD_SUSPECTED;
            default -> DeclineReason.INVALID_TOKEN;
        };
        if (reason == null && amountMinor > amountLimitMinor) {
            reason = DeclineReason.AMOUNT_LIMIT_EXCEEDED;
        }
        return Optional.ofNullable(reason);
    }
}
