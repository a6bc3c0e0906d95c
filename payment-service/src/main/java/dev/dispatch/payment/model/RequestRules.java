package dev.dispatch.payment.model;

import static dev.dispatch.payment.model.PaymentRejected.Kind.INVALID;

import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What a request must look like before the payment rules look at it; each rule throws
 * {@link PaymentRejected} of kind INVALID with the field and the rule.
 */
public final class RequestRules {

    /** The most order ids one ListPayments call may ask for. */
    public static final int MAX_ORDER_IDS = 100;

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final int MAX_ID_LENGTH = 64;

    private RequestRules() {
    }

    public static void validate(AuthorizationRequest r) {
        requireId("order_id", r.orderId());
        requireId("customer_id", r.customerId());
        requireAmount(r.amountMinor(), r.currency());
        if (r.paymentToken() == null || r.paymentToken().isBlank()) {
            throw new PaymentRejected(INVALID, "payment_token is required");
        }
    }

    public static void validate(RefundRequest r) {
        requireId("order_id", r.orderId());
        requireId("refund_id", r.refundId());
        requireAmount(r.amountMinor(), r.currency());
    }

    public static void validateOrderIds(List<String> orderIds) {
        if (orderIds.size() > MAX_ORDER_IDS) {
            throw new PaymentRejected(INVALID, "at most " + MAX_ORDER_IDS + " order ids at once");
        }
        orderIds.forEach(id -> requireId("order_ids", id));
    }

    public static void requireId(String field, String value) {
        if (value == null || value.isBlank() || value.length() > MAX_ID_LENGTH) {
            throw new PaymentRejected(INVALID, field + " is required (at most " + MAX_ID_LENGTH + " characters)");
        }
    }

    public static UUID paymentId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new PaymentRejected(INVALID, "payment_id must be a UUID");
        }
    }

    private static void requireAmount(long amountMinor, String currency) {
        if (amountMinor <= 0) {
            throw new PaymentRejected(INVALID, "amount must be positive, in minor units");
        }
        if (currency == null || !CURRENCY.matcher(currency).matches() || !isKnownCurrency(currency)) {
            throw new PaymentRejected(INVALID, "currency must be an ISO 4217 code, e.g. EUR");
        }
    }

    private static boolean isKnownCurrency(String code) {
        return Currency.getAvailableCurrencies().stream().anyMatch(c -> Objects.equals(c.getCurrencyCode(), code));
    }
}
