package dev.dispatch.payment.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class RequestRulesTest {

    private static final String ID_64 = "o".repeat(64);
    private static final String ID_65 = "o".repeat(65);

    @Test
    void aWellFormedAuthorizationPasses() {
        assertThatCode(() -> RequestRules.validate(authorization("order-1", "customer-1", 1, "EUR", "tok_approve")))
                .doesNotThrowAnyException();
        assertThatCode(() -> RequestRules.validate(authorization(ID_64, ID_64, Long.MAX_VALUE, "JPY", "anything")))
                .doesNotThrowAnyException();
    }

    @Test
    void anAuthorizationNeedsItsIds() {
        assertInvalid(() -> RequestRules.validate(authorization("", "c", 100, "EUR", "tok_approve")), "order_id is required");
        assertInvalid(() -> RequestRules.validate(authorization("  ", "c", 100, "EUR", "tok_approve")), "order_id is required");
        assertInvalid(() -> RequestRules.validate(authorization(null, "c", 100, "EUR", "tok_approve")), "order_id is required");
        assertInvalid(() -> RequestRules.validate(authorization(ID_65, "c", 100, "EUR", "tok_approve")),
                "order_id is required (at most 64 characters)");
        assertInvalid(() -> RequestRules.validate(authorization("o", "", 100, "EUR", "tok_approve")), "customer_id is required");
        assertInvalid(() -> RequestRules.validate(authorization("o", ID_65, 100, "EUR", "tok_approve")), "customer_id is required");
    }

    @Test
    void anAuthorizationNeedsAPositiveAmountInAKnownCurrency() {
        assertInvalid(() -> RequestRules.validate(authorization("o", "c", 0, "EUR", "tok_approve")),
                "amount must be positive, in minor units");
        assertInvalid(() -> RequestRules.validate(authorization("o", "c", -5, "EUR", "tok_approve")),
                "amount must be positive, in minor units");
        for (String currency : new String[] {"XYZ", "eur", "EURO", "EU", "", null}) {
            assertInvalid(() -> RequestRules.validate(authorization("o", "c", 100, currency, "tok_approve")),
                    "currency must be an ISO 4217 code, e.g. EUR");
        }
    }

    @Test
    void anAuthorizationNeedsAToken() {
        assertInvalid(() -> RequestRules.validate(authorization("o", "c", 100, "EUR", "")), "payment_token is required");
        assertInvalid(() -> RequestRules.validate(authorization("o", "c", 100, "EUR", " ")), "payment_token is required");
        assertInvalid(() -> RequestRules.validate(authorization("o", "c", 100, "EUR", null)), "payment_token is required");
    }

    @Test
    void theFirstBrokenRuleIsTheOneReported() {
        assertInvalid(() -> RequestRules.validate(authorization("", "", 0, "x", "")), "order_id is required");
        assertInvalid(() -> RequestRules.validate(authorization("o", "c", 0, "x", "")), "amount must be positive");
    }

    @Test
    void aRefundNeedsItsIdsAndAPositiveAmount() {
        assertThatCode(() -> RequestRules.validate(new RefundRequest("o", "r", 1, "EUR", null))).doesNotThrowAnyException();
        assertThatCode(() -> RequestRules.validate(new RefundRequest("o", "r", 1, "EUR", ""))).doesNotThrowAnyException();
        assertInvalid(() -> RequestRules.validate(new RefundRequest("", "r", 1, "EUR", "x")), "order_id is required");
        assertInvalid(() -> RequestRules.validate(new RefundRequest("o", "", 1, "EUR", "x")), "refund_id is required");
        assertInvalid(() -> RequestRules.validate(new RefundRequest("o", ID_65, 1, "EUR", "x")), "refund_id is required");
        assertInvalid(() -> RequestRules.validate(new RefundRequest("o", "r", 0, "EUR", "x")), "amount must be positive");
        assertInvalid(() -> RequestRules.validate(new RefundRequest("o", "r", 1, "usd", "x")), "currency must be an ISO 4217 code");
    }

    @Test
    void aPaymentIdIsAUuid() {
        UUID id = UUID.randomUUID();
        assertThat(RequestRules.paymentId(id.toString())).isEqualTo(id);
        assertInvalid(() -> RequestRules.paymentId("not-a-uuid"), "payment_id must be a UUID");
        assertInvalid(() -> RequestRules.paymentId(""), "payment_id must be a UUID");
    }

    @Test
    void atMostAHundredWellFormedOrderIdsAtOnce() {
        assertThatCode(() -> RequestRules.validateOrderIds(List.of())).doesNotThrowAnyException();
        assertThatCode(() -> RequestRules.validateOrderIds(Collections.nCopies(100, "o"))).doesNotThrowAnyException();
        assertInvalid(() -> RequestRules.validateOrderIds(Collections.nCopies(101, "o")), "at most 100 order ids at once");
        assertInvalid(() -> RequestRules.validateOrderIds(List.of("o", "")), "order_ids is required");
        assertInvalid(() -> RequestRules.validateOrderIds(List.of(ID_65)), "order_ids is required");
    }

    private static AuthorizationRequest authorization(String orderId, String customerId, long amountMinor, String currency,
            String token) {
        return new AuthorizationRequest(orderId, customerId, amountMinor, currency, token);
    }

    private static void assertInvalid(ThrowingCallable call, String messageStart) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(PaymentRejected.class, e -> assertThat(e.kind()).isEqualTo(PaymentRejected.Kind.INVALID))
                .hasMessageStartingWith(messageStart);
    }
}
