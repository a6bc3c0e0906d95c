package dev.dispatch.payment.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuthorizationPolicyTest {

    private final AuthorizationPolicy policy = new AuthorizationPolicy(1_000_000);

    @Test
    void theApproveTokenApprovesUpToTheLimit() {
        assertThat(policy.decline("tok_approve", 1)).isEmpty();
        assertThat(policy.decline("tok_approve", 1_000_000)).isEmpty();
    }

    @Test
    void aboveTheLimitTheApproveTokenIsDeclined() {
        assertThat(policy.decline("tok_approve", 1_000_001)).contains(DeclineReason.AMOUNT_LIMIT_EXCEEDED);
        assertThat(new AuthorizationPolicy(500).decline("tok_approve", 501)).contains(DeclineReason.AMOUNT_LIMIT_EXCEEDED);
        assertThat(new AuthorizationPolicy(500).decline("tok_approve", 500)).isEmpty();
    }

    @Test
    void declineTokensSayWhy() {
        assertThat(policy.decline("tok_insufficient_funds", 100)).contains(DeclineReason.INSUFFICIENT_FUNDS);
        assertThat(policy.decline("tok_fraud", 100)).contains(DeclineReason.FRAUD_SUSPECTED);
    }

    @Test
    void aTokensOwnReasonWinsOverTheAmountLimit() {
        assertThat(policy.decline("tok_fraud", 5_000_000)).contains(DeclineReason.FRAUD_SUSPECTED);
        assertThat(policy.decline("tok_insufficient_funds", 5_000_000)).contains(DeclineReason.INSUFFICIENT_FUNDS);
        assertThat(policy.decline("tok_nonsense", 5_000_000)).contains(DeclineReason.INVALID_TOKEN);
    }

    @Test
    void anyOtherTokenIsInvalid() {
        assertThat(policy.decline("tok_nonsense", 100)).contains(DeclineReason.INVALID_TOKEN);
        assertThat(policy.decline("TOK_APPROVE", 100)).contains(DeclineReason.INVALID_TOKEN);
        assertThat(policy.decline(" tok_approve", 100)).contains(DeclineReason.INVALID_TOKEN);
        assertThat(policy.decline("4111111111111111", 100)).contains(DeclineReason.INVALID_TOKEN);
    }
}
