package dev.dispatch.order.payment;

/** payment-service did not answer usefully (down, too slow, overloaded): worth trying again later. */
public class PaymentUnavailable extends RuntimeException {

    public PaymentUnavailable(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
