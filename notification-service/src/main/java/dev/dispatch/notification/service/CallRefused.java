package dev.dispatch.notification.service;

/**
 * A signalling message that is not acted on: answered with an {@code error} of this code (the socket stays open) and
 * nothing is relayed.
 */
public class CallRefused extends RuntimeException {

    public static final String BAD_MESSAGE = "bad-message";
    public static final String NOT_A_PARTY = "not-a-party";
    public static final String NO_SUCH_CALL = "no-such-call";
    public static final String ORDER_NOT_CALLABLE = "order-not-callable";
    public static final String RATE_LIMITED = "rate-limited";

    private final String code;

    public CallRefused(String code, String message) {
        super(message, null, false, false); // an expected answer, not a failure: no stack trace
        this.code = code;
    }

    public String code() {
        return code;
    }
}
