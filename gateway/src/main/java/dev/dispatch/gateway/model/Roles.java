package dev.dispatch.gateway.model;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.dispatch.platform.identity.CallerIdentity;
import dev.dispatch.platform.identity.Role;

/**
 * The roles of the API, as the token's {@code groups} name them, and who is calling as the backends are told (in the
 * internal token the gateway signs for each call): the token's subject and the strongest role in its groups. REST and
 * GraphQL read a caller the same way. A courier (whose subject is the id of the device they carry) may only chat: to
 * every other endpoint they are of no known role.
 */
public final class Roles {

    public static final String CUSTOMER = "customer";
    public static final String OPERATOR = "operator";
    public static final String COURIER = "courier";

    private Roles() {
    }

    /** A customer or an operator; null for a token of neither role (a courier's included), which the API refuses. */
    public static CallerIdentity callerOf(JsonWebToken token) {
        Role role = token.getGroups().contains(OPERATOR) ? Role.OPERATOR
                : token.getGroups().contains(CUSTOMER) ? Role.CUSTOMER
                : null;
        return role == null ? null : CallerIdentity.user(subjectOf(token), role);
    }

    /** Who chats: the strongest of operator, courier, customer; null for none of them. */
    public static CallerIdentity chatterOf(JsonWebToken token) {
        Role role = token.getGroups().contains(OPERATOR) ? Role.OPERATOR
                : token.getGroups().contains(COURIER) ? Role.COURIER
                : token.getGroups().contains(CUSTOMER) ? Role.CUSTOMER
                : null;
        return role == null ? null : CallerIdentity.user(subjectOf(token), role);
    }

    public static String subjectOf(JsonWebToken token) {
        return token.getSubject() == null ? "" : token.getSubject();
    }
}
