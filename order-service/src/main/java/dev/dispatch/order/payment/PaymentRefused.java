package dev.dispatch.order.payment;

import io.grpc.Status;

/** payment-service answered with an error that asking again will not change (e.g. NOT_FOUND, FAILED_PRECONDITION). */
public class PaymentRefused extends RuntimeException {

    private final Status.Code code;

    public PaymentRefused(Status.Code code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public Status.Code code() {
        return code;
    }
}
