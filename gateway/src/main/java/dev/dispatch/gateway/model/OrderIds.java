package dev.dispatch.gateway.model;

import java.util.regex.Pattern;

/** Order ids are UUIDs (order-service makes them): any other text names no order, so it is not found without asking. */
public final class OrderIds {

    private static final Pattern UUID_TEXT =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private OrderIds() {
    }

    public static boolean isValid(String id) {
        return id != null && UUID_TEXT.matcher(id).matches();
    }
}
