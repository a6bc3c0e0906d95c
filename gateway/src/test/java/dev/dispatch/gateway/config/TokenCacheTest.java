package dev.dispatch.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

class TokenCacheTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final TokenCache cache = new TokenCache(3, Duration.ofMinutes(1), clock);

    @Test
    void aVerifiedTokenIsRememberedForTheMaxAge() {
        JsonWebToken alice = expiringIn(Duration.ofHours(1));
        cache.put("token-a", alice);

        clock.advance(Duration.ofSeconds(59));
        assertThat(cache.get("token-a")).isSameAs(alice);
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.get("token-a")).as("after max-age it is verified again").isNull();
    }

    @Test
    void neverPastTheTokensOwnExpiry() {
        cache.put("token-a", expiringIn(Duration.ofSeconds(10)));

        clock.advance(Duration.ofSeconds(10));
        assertThat(cache.get("token-a")).isNull();
    }

    @Test
    void anExpiredTokenIsNotKept() {
        cache.put("token-a", expiringIn(Duration.ofSeconds(-1)));

        assertThat(cache.get("token-a")).isNull();
        assertThat(cache.size()).isZero();
    }

    @Test
    void onlyTheExactStringMatches() {
        cache.put("header.payload.signature", expiringIn(Duration.ofHours(1)));

        assertThat(cache.get("header.payload.signaturE")).isNull();
        assertThat(cache.get("header.payload.signatur")).isNull();
    }

    @Test
    void whenFullTheExpiredGoFirstThenAll() {
        cache.put("short", expiringIn(Duration.ofSeconds(5)));
        cache.put("b", expiringIn(Duration.ofHours(1)));
        cache.put("c", expiringIn(Duration.ofHours(1)));
        clock.advance(Duration.ofSeconds(5));

        cache.put("d", expiringIn(Duration.ofHours(1)));
        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.get("b")).isNotNull();

        cache.put("e", expiringIn(Duration.ofHours(1)));
        assertThat(cache.size()).as("full of live tokens: emptied, then e").isEqualTo(1);
        assertThat(cache.get("e")).isNotNull();
    }

    @Test
    void capacityZeroRemembersNothing() {
        TokenCache off = new TokenCache(0, Duration.ofMinutes(1), clock);
        off.put("token-a", expiringIn(Duration.ofHours(1)));

        assertThat(off.get("token-a")).isNull();
    }

    private JsonWebToken expiringIn(Duration in) {
        return new Jwt(clock.instant().plus(in).getEpochSecond());
    }

    private record Jwt(long exp) implements JsonWebToken {
        @Override
        public String getName() {
            return "alice";
        }

        @Override
        public Set<String> getClaimNames() {
            return Set.of("exp");
        }

        @SuppressWarnings("unchecked")
        @Override
        public <T> T getClaim(String claimName) {
            return "exp".equals(claimName) ? (T) Long.valueOf(exp) : null;
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public long millis() {
            return now.toEpochMilli();
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
