package dev.dispatch.notification.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.dispatch.notification.config.CallsConfig;

/** The ICE servers for each configuration (the endpoint with TURN configured is in rest/CallResourceTest). */
class IceServersTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00.700Z"), ZoneOffset.UTC);

    @Test
    void withoutTurnOnlyStunOrNothing() {
        IceServers.Offer stunOnly = new IceServers(config(List.of("stun:127.0.0.1:3478"), null, null), CLOCK).forUser("alice");
        assertThat(stunOnly.iceServers()).containsExactly(new IceServers.Server(List.of("stun:127.0.0.1:3478"), null, null));

        assertThat(new IceServers(config(null, null, null), CLOCK).forUser("alice").iceServers()).isEmpty();
        assertThat(new IceServers(config(List.of(), List.of(), null), CLOCK).forUser("alice").iceServers()).isEmpty();
    }

    @Test
    void withTurnACredentialOfTheUserUntilTheTtlIsUp() {
        IceServers.Offer offer = new IceServers(config(null, List.of("turn:127.0.0.1:3478?transport=udp"), "test-turn-secret"), CLOCK)
                .forUser("alice");
        // now + 1 h, whole seconds: 2026-01-01T01:00:00Z = 1767229200
        assertThat(offer.expiresAt()).isEqualTo(Instant.parse("2026-01-01T01:00:00Z"));
        IceServers.Server turn = offer.iceServers().get(0);
        assertThat(turn.urls()).containsExactly("turn:127.0.0.1:3478?transport=udp");
        assertThat(turn.username()).isEqualTo("1767229200:alice");
        // echo -n "1767229200:alice" | openssl dgst -sha1 -hmac "test-turn-secret" -binary | base64
        assertThat(turn.credential()).isEqualTo(OPENSSL_VECTOR);
    }

    @Test
    void turnWithoutItsSecretDoesNotStart() {
        assertThatThrownBy(() -> IceServers.check(config(null, List.of("turn:x:3478"), null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("dispatch.calls.turn.secret");
        assertThatThrownBy(() -> IceServers.check(config(null, List.of("turn:x:3478"), " "))).isInstanceOf(IllegalStateException.class);
        IceServers.check(config(null, null, null));
    }

    static final String OPENSSL_VECTOR = "mADDx76V0fPPSJAg3zy1dr5QqmQ=";

    static CallsConfig config(List<String> stun, List<String> turn, String secret) {
        return new CallsConfig() {
            @Override
            public Optional<List<String>> stunUrls() {
                return Optional.ofNullable(stun);
            }

            @Override
            public Turn turn() {
                return new Turn() {
                    @Override
                    public Optional<List<String>> urls() {
                        return Optional.ofNullable(turn);
                    }

                    @Override
                    public Optional<String> secret() {
                        return Optional.ofNullable(secret);
                    }

                    @Override
                    public Duration ttl() {
                        return Duration.ofHours(1);
                    }
                };
            }

            @Override
            public Duration ringTimeout() {
                return Duration.ofSeconds(30);
            }
        };
    }
}
