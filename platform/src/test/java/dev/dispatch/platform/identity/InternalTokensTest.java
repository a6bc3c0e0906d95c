package dev.dispatch.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Signing and verifying internal tokens, one class at a time, with keys made here and clocks set by hand. */
class InternalTokensTest {

    private static final KeyPair GATEWAY = pair();
    private static final KeyPair ORDER_SERVICE = pair();
    private static final KeyPair ROGUE = pair();
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    private final InternalTokenVerifier orderService = verifier("order-service");
    private final InternalTokenVerifier paymentService = verifier("payment-service");

    @Test
    void aUserTokenFromTheGatewayNamesTheUser() {
        String token = tokens("gateway", GATEWAY, Clock.systemUTC()).forUser(CallerIdentity.user("alice", Role.CUSTOMER), "order-service");

        assertThat(orderService.verify(token)).isEqualTo(new CallerIdentity("alice", Role.CUSTOMER, "gateway"));
    }

    @Test
    void aServiceTokenNamesTheServiceItself() {
        String token = tokens("order-service", ORDER_SERVICE, Clock.systemUTC()).asService("payment-service");

        CallerIdentity caller = paymentService.verify(token);
        assertThat(caller.isService("order-service")).isTrue();
        assertThat(caller.is(Role.SERVICE)).isTrue();
    }

    @Test
    void aTokenForAnotherServiceIsRefused() {
        String token = tokens("gateway", GATEWAY, Clock.systemUTC()).forUser(CallerIdentity.user("alice", Role.CUSTOMER), "payment-service");

        assertThatThrownBy(() -> orderService.verify(token)).isInstanceOf(InvalidInternalToken.class)
                .hasMessage("the token is not addressed to this service");
    }

    @Test
    void anExpiredTokenIsRefusedOnceTheClockSkewHasPassed() {
        Clock anHourAgo = Clock.fixed(NOW.minus(Duration.ofHours(1)), ZoneOffset.UTC);
        String token = tokens("gateway", GATEWAY, anHourAgo).forUser(CallerIdentity.user("alice", Role.CUSTOMER), "order-service");

        assertThatThrownBy(() -> orderService.verify(token)).isInstanceOf(InvalidInternalToken.class)
                .hasMessage("the token has expired");
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
        String token = tokens("gateway", ROGUE, Clock.systemUTC()).forUser(CallerIdentity.user("op", Role.OPERATOR), "order-service");

        assertThatThrownBy(() -> orderService.verify(token)).isInstanceOf(InvalidInternalToken.class)
                .hasMessage("the token's signature does not verify");
    }

    @Test
    void anUnknownIssuerIsRefused() {
        String token = tokens("someone", ROGUE, Clock.systemUTC()).forUser(CallerIdentity.user("op", Role.OPERATOR), "order-service");

        assertThatThrownBy(() -> orderService.verify(token)).hasMessage("the token's issuer is not trusted here");
    }

    @Test
    void onlyTheGatewaySpeaksForUsersAndAServiceOnlyForItself() {
        InternalTokens orderServiceTokens = tokens("order-service", ORDER_SERVICE, Clock.systemUTC());

        assertThatThrownBy(() -> paymentService.verify(orderServiceTokens.forUser(CallerIdentity.user("op", Role.OPERATOR), "payment-service")))
                .hasMessage("order-service may not speak for users");
        assertThatThrownBy(() -> paymentService.verify(orderServiceTokens.token("payment-service", Role.SERVICE, "payment-service")))
                .hasMessage("a service may only speak for itself");
    }

    @Test
    void garbageIsNotAToken() {
        assertThatThrownBy(() -> orderService.verify("not.a.jwt")).isInstanceOf(InvalidInternalToken.class);
        assertThatThrownBy(() -> orderService.verify("")).isInstanceOf(InvalidInternalToken.class);
    }

    @Test
    void aTokenIsReusedUntilAMinuteBeforeItExpires() {
        MovableClock clock = new MovableClock(NOW);
        InternalTokens gateway = tokens("gateway", GATEWAY, clock);
        CallerIdentity alice = CallerIdentity.user("alice", Role.CUSTOMER);

        String first = gateway.forUser(alice, "order-service");
        clock.now = NOW.plus(Duration.ofMinutes(3));
        assertThat(gateway.forUser(alice, "order-service")).isEqualTo(first);
        assertThat(gateway.forUser(alice, "payment-service")).isNotEqualTo(first);
        clock.now = NOW.plus(Duration.ofMinutes(4)).plusSeconds(1);
        assertThat(gateway.forUser(alice, "order-service")).isNotEqualTo(first);
    }

    private static InternalTokens tokens(String issuer, KeyPair keys, Clock clock) {
        return new InternalTokens(issuer, config(), clock) {
            @Override
            java.security.PrivateKey signingKey() {
                return keys.getPrivate();
            }
        };
    }

    private static InternalTokenVerifier verifier(String audience) {
        Map<String, PublicKey> trusted = Map.of("gateway", GATEWAY.getPublic(), "order-service", ORDER_SERVICE.getPublic());
        return new InternalTokenVerifier(Set.of(audience), config(), trusted);
    }

    private static InternalAuthConfig config() {
        return new InternalAuthConfig() {
            public Optional<Path> privateKey() {
                return Optional.empty();
            }

            public Optional<Path> publicKeys() {
                return Optional.empty();
            }

            public Optional<Set<String>> audiences() {
                return Optional.empty();
            }

            public Set<String> userIssuers() {
                return Set.of("gateway");
            }

            public Duration tokenLifetime() {
                return Duration.ofMinutes(5);
            }

            public Duration clockSkew() {
                return Duration.ofSeconds(30);
            }
        };
    }

    private static KeyPair pair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class MovableClock extends Clock {
        Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        public Instant instant() {
            return now;
        }

        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
