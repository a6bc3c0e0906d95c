package dev.dispatch.gateway.backend;

/**
 * Placing an order failed in a way that does not say whether order-service stored it: a deadline passed, or the
 * connection broke, after the request may have reached it, on every attempt. Not a 503, which promises that nothing
 * happened: the client is told so, with the idempotency key that makes placing again safe (the same key answers
 * with the order if it was placed, and places it once if it was not).
 */
public class OutcomeUnknown extends RuntimeException {

    private final String idempotencyKey;

    public OutcomeUnknown(String idempotencyKey, Throwable cause) {
        super("whether the order was placed is not known", cause, false, false);
        this.idempotencyKey = idempotencyKey;
    }

    public String idempotencyKey() {
        return idempotencyKey;
    }

    /** For the client: what happened and what to do, in one sentence. */
    public String advice() {
        return "The order service did not answer in time, so it is not known whether the order was placed; place it again "
                + "with Idempotency-Key '" + idempotencyKey + "': you get the order if it was placed, and it is placed once";
    }
}
