package dev.dispatch.gateway.mapping;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.dispatch.proto.common.v1.Caller;
import dev.dispatch.proto.common.v1.Role;

/** Who is calling, as order-service is told: the token's subject and the strongest role in its groups. */
public final class CallerMapper {

    public static final String CUSTOMER = "customer";
    public static final String OPERATOR = "operator";

    private CallerMapper() {
    }

    public static Caller toCaller(JsonWebToken token) {
        Role role = token.getGroups().contains(OPERATOR) ? Role.ROLE_OPERATOR
                : token.getGroups().contains(CUSTOMER) ? Role.ROLE_CUSTOMER
                : Role.ROLE_UNSPECIFIED;
        return Caller.newBuilder().setSubject(token.getSubject() == null ? "" : token.getSubject()).setRole(role).build();
    }
}
