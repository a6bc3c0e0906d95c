package dev.dispatch.gateway.model;

import java.util.regex.Pattern;

/**
 * The rule for a client's idempotency key (REST's {@code Idempotency-Key} header, GraphQL's {@code idempotencyKey}):
 * 1 to 128 visible ASCII characters. Absent is valid: placing without a key is allowed, just not safe to repeat.
 */
public final class IdempotencyKeys {

    public static final String REGEX = "^[\\x21-\\x7E]{1,128}$";
    public static final String RULE = "must be 1 to 128 visible ASCII characters";

    private static final Pattern VALID = Pattern.compile(REGEX);

    private IdempotencyKeys() {
    }

    public static boolean isValid(String key) {
        return key == null || VALID.matcher(key).matches();
    }
}
