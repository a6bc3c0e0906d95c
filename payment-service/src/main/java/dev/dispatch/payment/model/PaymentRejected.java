package dev.dispatch.payment.model;

/** A request the payment rules refuse; the gRPC layer turns the kind into a status code. */
public class PaymentRejected extends RuntimeException {

    public enum Kind { INVALID, NOT_FOUND, CONFLICT, PRECONDITION }

    private final Kind kind;

    public PaymentRejected(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
