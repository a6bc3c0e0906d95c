package dev.dispatch.order.model;

/** Who the gateway acts for. A customer sees only their own orders; an operator sees all. */
public record Caller(String subject, Role role) {

    public enum Role { CUSTOMER, OPERATOR }

    public boolean isOperator() {
        return role == Role.OPERATOR;
    }

    public boolean maySee(Order order) {
        return isOperator() || order.customerId().equals(subject);
    }

    /** The customer whose orders a list is limited to; null for an operator (everyone's). */
    public String scope() {
        return isOperator() ? null : subject;
    }
}
