package dev.dispatch.order.support;

import java.util.UUID;

import dev.dispatch.testsupport.internal.InternalCallers;

/** Who a test calls OrderService as: the internal token the gateway would sign for that user. */
public record Caller(String subject, boolean operator) {

    static final String AUDIENCE = "order-service";

    public static Caller operator(String subject) {
        return new Caller(subject, true);
    }

    /** A customer of one's own, so that one test's orders never show up in another's lists. */
    public static Caller newCustomer() {
        return new Caller("customer-" + UUID.randomUUID(), false);
    }

    public String token() {
        return operator ? InternalCallers.operator(subject, AUDIENCE) : InternalCallers.customer(subject, AUDIENCE);
    }
}
