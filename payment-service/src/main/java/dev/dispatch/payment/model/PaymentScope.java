package dev.dispatch.payment.model;

import java.util.Objects;

/**
 * Whose payments a read may see: every payment, or one customer's. A payment outside the scope reads as if it did not
 * exist, so that a customer cannot tell another customer's payment from none.
 */
public record PaymentScope(String customerId) {

    public static final PaymentScope ALL = new PaymentScope(null);

    public static PaymentScope ofCustomer(String customerId) {
        return new PaymentScope(Objects.requireNonNull(customerId, "customerId"));
    }

    public boolean sees(Payment payment) {
        return customerId == null || customerId.equals(payment.customerId());
    }
}
