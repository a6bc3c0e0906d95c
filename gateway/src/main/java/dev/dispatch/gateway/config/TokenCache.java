package dev.dispatch.gateway.config;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Tokens that verified, by the whole token string (any changed byte is a different key, verified anew). Each is kept
 * for at most {@code max-age} and never past its own expiry, which is checked on every hit; what else verification
 * checks (signature, issuer) cannot change for the same string. Bounded: when full, the expired go, and if that is not
 * enough, all of them.
 */
@ApplicationScoped
class TokenCache {

    private record Verified(JsonWebToken token, long untilMillis) {
    }

    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final int capacity;
    private final Duration maxAge;
    private final Clock clock;

    @Inject
    TokenCache(GatewayConfig config) {
        this(config.tokenCache().capacity(), config.tokenCache().maxAge(), Clock.systemUTC());
    }

    TokenCache(int capacity, Duration maxAge, Clock clock) {
        this.capacity = capacity;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** The verified token, or null when it was not verified or its time here is up. */
    JsonWebToken get(String token) {
        if (capacity <= 0) {
            return null;
        }
        Verified known = verified.get(token);
        if (known == null) {
            return null;
        }
        if (clock.millis() >= known.untilMillis()) {
            verified.remove(token, known);
            return null;
        }
        return known.token();
    }

    void put(String raw, JsonWebToken token) {
        if (capacity <= 0) {
            return;
        }
        long now = clock.millis();
        long until = now + maxAge.toMillis();
        if (token.getExpirationTime() > 0) {
            until = Math.min(until, token.getExpirationTime() * 1000);
        }
        if (until <= now) {
            return;
        }
        if (verified.size() >= capacity) {
            verified.values().removeIf(v -> now >= v.untilMillis());
            if (verified.size() >= capacity) {
                verified.clear();
            }
        }
        verified.put(raw, new Verified(token, until));
    }

    int size() {
        return verified.size();
    }
}
