package dev.dispatch.gateway.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import dev.dispatch.platform.identity.CallerIdentity;
import dev.dispatch.platform.identity.Role;

class RolesTest {

    @Test
    void theStrongestRoleOfTheTokenIsTheCallers() {
        assertThat(Roles.callerOf(token("olga", "operator", "customer"))).isEqualTo(caller("olga", Role.OPERATOR));
        assertThat(Roles.callerOf(token("alice", "customer"))).isEqualTo(caller("alice", Role.CUSTOMER));
    }

    @Test
    void aTokenOfNeitherRoleHasNone() {
        assertThat(Roles.callerOf(token("eve", "admin"))).isNull();
        assertThat(Roles.callerOf(token(null))).isNull();
    }

    @Test
    void aCourierIsNoCallerOfTheOrderAndDeviceApisButChats() {
        assertThat(Roles.callerOf(token("courier-1", "courier"))).isNull();
        assertThat(Roles.chatterOf(token("courier-1", "courier"))).isEqualTo(caller("courier-1", Role.COURIER));
        assertThat(Roles.chatterOf(token("alice", "customer"))).isEqualTo(caller("alice", Role.CUSTOMER));
        assertThat(Roles.chatterOf(token("olga", "customer", "courier", "operator"))).isEqualTo(caller("olga", Role.OPERATOR));
        assertThat(Roles.chatterOf(token("x", "courier", "customer"))).isEqualTo(caller("x", Role.COURIER));
        assertThat(Roles.chatterOf(token("eve", "admin"))).isNull();
    }

    private static CallerIdentity caller(String subject, Role role) {
        return CallerIdentity.user(subject, role);
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
