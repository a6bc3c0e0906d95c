package dev.dispatch.gateway.model;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.dispatch.proto.common.v1.Caller;
import dev.dispatch.proto.common.v1.Role;

/**
 * The two roles of the API, as the token's {@code groups} name them, and who is calling as the backends are told:
 * the token's subject and the strongest role in its groups. REST and GraphQL read a caller the same way.
 */
public final class Roles {

    public static final String CUSTOMER = "customer";
    public static final String OPERATOR = "operator";

    private Roles() {
    }

    /** ROLE_UNSPECIFIED for a token of neither role; the backends refuse such a caller. */
    public static Caller callerOf(JsonWebToken token) {
        Role role = token.getGroups().contains(OPERATOR) ? Role.ROLE_OPERATOR
                : token.getGroups().contains(CUSTOMER) ? Role.ROLE_CUSTOMER
                : Role.ROLE_UNSPECIFIED;
        return Caller.newBuilder().setSubject(token.getSubject() == null ? "" : token.getSubject()).setRole(role).build();
    }
}
