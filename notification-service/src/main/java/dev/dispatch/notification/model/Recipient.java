package dev.dispatch.notification.model;

/** Who is listening: a customer (sees their own orders' events) or an operator (sees everything, device alerts too). */
public record Recipient(String userId, boolean operator) {

    public static final String CUSTOMER_ROLE = "customer";
    public static final String OPERATOR_ROLE = "operator";

    public boolean maySee(Notification notification) {
        return operator || !notification.operatorsOnly() && userId.equals(notification.customerId());
    }
}
