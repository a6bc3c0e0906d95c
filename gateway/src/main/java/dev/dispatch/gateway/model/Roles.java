package dev.dispatch.gateway.model;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.dispatch.proto.chat.v1.ChatRole;
import dev.dispatch.proto.common.v1.Caller;
import dev.dispatch.proto.common.v1.Role;

/**
 * The roles of the API, as the token's {@code groups} name them, and who is calling as the backends are told: the
 * token's subject and the strongest role in its groups. REST and GraphQL read a caller the same way. A courier (whose
 * subject is the id of the device they carry) may only chat: to every other endpoint they are of no known role.
 */
public final class Roles {

    public static final String CUSTOMER = "customer";
    public static final String OPERATOR = "operator";
    public static final String COURIER = "courier";

    private Roles() {
    }

    /** ROLE_UNSPECIFIED for a token of neither role (a courier's included); the backends refuse such a caller. */
    public static Caller callerOf(JsonWebToken token) {
        Role role = token.getGroups().contains(OPERATOR) ? Role.ROLE_OPERATOR
                : token.getGroups().contains(CUSTOMER) ? Role.ROLE_CUSTOMER
                : Role.ROLE_UNSPECIFIED;
        return Caller.newBuilder().setSubject(subjectOf(token)).setRole(role).build();
    }

    /** Who chats: the strongest of operator, courier, customer; CHAT_ROLE_UNSPECIFIED for none of them. */
    public static ChatRole chatRoleOf(JsonWebToken token) {
        return token.getGroups().contains(OPERATOR) ? ChatRole.CHAT_ROLE_OPERATOR
                : token.getGroups().contains(COURIER) ? ChatRole.CHAT_ROLE_COURIER
                : token.getGroups().contains(CUSTOMER) ? ChatRole.CHAT_ROLE_CUSTOMER
                : ChatRole.CHAT_ROLE_UNSPECIFIED;
    }

    public static String subjectOf(JsonWebToken token) {
        return token.getSubject() == null ? "" : token.getSubject();
    }
}
