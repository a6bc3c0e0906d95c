package dev.dispatch.notification.service;

import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/** Who is listening: a customer (sees their own orders' events) or an operator (sees everything, device alerts too). */
public record Recipient(String userId, boolean operator) {

    public static final String CUSTOMER_ROLE = "customer";
    public static final String OPERATOR_ROLE = "operator";

    /** The caller of a request whose token carried one of the two roles (the endpoints allow no other). */
    public static Recipient of(SecurityIdentity identity) {
        String subject = identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null
                ? jwt.getSubject()
                : identity.getPrincipal().getName();
        Set<String> roles = identity.getRoles();
        return new Recipient(subject, roles.contains(OPERATOR_ROLE));
    }

    public boolean maySee(Notification notification) {
        return operator || !notification.operatorsOnly() && userId.equals(notification.customerId());
    }
}
