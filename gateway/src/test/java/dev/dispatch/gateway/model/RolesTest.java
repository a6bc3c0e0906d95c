package dev.dispatch.gateway.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import dev.dispatch.proto.chat.v1.ChatRole;
import dev.dispatch.proto.common.v1.Caller;
import dev.dispatch.proto.common.v1.Role;

class RolesTest {

    @Test
    void theStrongestRoleOfTheTokenIsTheCallers() {
        assertThat(Roles.callerOf(token("olga", "operator", "customer"))).isEqualTo(caller("olga", Role.ROLE_OPERATOR));
        assertThat(Roles.callerOf(token("alice", "customer"))).isEqualTo(caller("alice", Role.ROLE_CUSTOMER));
    }

    @Test
    void aTokenOfNeitherRoleHasNone() {
        assertThat(Roles.callerOf(token("eve", "admin"))).isEqualTo(caller("eve", Role.ROLE_UNSPECIFIED));
        assertThat(Roles.callerOf(token(null))).isEqualTo(caller("", Role.ROLE_UNSPECIFIED));
    }

    @Test
    void aCourierIsNoCallerOfTheOrderAndDeviceApisButChats() {
        assertThat(Roles.callerOf(token("courier-1", "courier"))).isEqualTo(caller("courier-1", Role.ROLE_UNSPECIFIED));
        assertThat(Roles.chatRoleOf(token("courier-1", "courier"))).isEqualTo(ChatRole.CHAT_ROLE_COURIER);
        assertThat(Roles.chatRoleOf(token("alice", "customer"))).isEqualTo(ChatRole.CHAT_ROLE_CUSTOMER);
        assertThat(Roles.chatRoleOf(token("olga", "customer", "courier", "operator"))).isEqualTo(ChatRole.CHAT_ROLE_OPERATOR);
        assertThat(Roles.chatRoleOf(token("x", "courier", "customer"))).isEqualTo(ChatRole.CHAT_ROLE_COURIER);
        assertThat(Roles.chatRoleOf(token("eve", "admin"))).isEqualTo(ChatRole.CHAT_ROLE_UNSPECIFIED);
    }

    private static Caller caller(String subject, Role role) {
        return Caller.newBuilder().setSubject(subject).setRole(role).build();
    }

    private static JsonWebToken token(String subject, String... groups) {
        Map<String, Object> claims = new HashMap<>();
        if (subject != null) {
            claims.put("sub", subject);
        }
        claims.put("groups", Set.of(groups));
        return new JsonWebToken() {
            @Override
            public String getName() {
                return subject;
            }

            @Override
            public Set<String> getClaimNames() {
                return claims.keySet();
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String claimName) {
                return (T) claims.get(claimName);
            }
        };
    }
}
