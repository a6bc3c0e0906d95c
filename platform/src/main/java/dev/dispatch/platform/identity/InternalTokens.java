package dev.dispatch.platform.identity;

import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * Signs the internal tokens this service sends with its gRPC calls: RS256, issuer this service, audience the service
 * called, subject and role the user it acts for (or itself). A token is reused until a minute before it expires, so a
 * busy caller signs once per user and target every few minutes rather than once per call.
 */
@ApplicationScoped
public class InternalTokens {

    static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(1);
    private static final int MAX_CACHED = 10_000;

    private final String issuer;
    private final InternalAuthConfig config;
    private final Clock clock;
    private final Map<Key, Signed> cache = new ConcurrentHashMap<>();
    private volatile PrivateKey key;

    @Inject
    InternalTokens(@ConfigProperty(name = "quarkus.application.name") String issuer, InternalAuthConfig config) {
        this(issuer, config, Clock.systemUTC());
    }

    InternalTokens(String issuer, InternalAuthConfig config, Clock clock) {
        this.issuer = issuer;
        this.config = config;
        this.clock = clock;
    }

    /** A token for a call to {@code audience} on behalf of {@code caller}. */
    public String forUser(CallerIdentity caller, String audience) {
        return token(caller.subject(), caller.role(), audience);
    }

    /** A token for a call to {@code audience} that this service makes as itself, for no user. */
    public String asService(String audience) {
        return token(issuer, Role.SERVICE, audience);
    }

    /** A token for {@code audience}: a cached one while it has more than a minute left, else a fresh one. */
    public String token(String subject, Role role, String audience) {
        Instant now = clock.instant();
        Key cacheKey = new Key(subject, role, audience);
        Signed cached = cache.get(cacheKey);
        if (cached != null && now.isBefore(cached.renewAt())) {
            return cached.token();
        }
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        Instant expiry = now.plus(config.tokenLifetime());
        String token = sign(subject, role, audience, now, expiry);
        cache.put(cacheKey, new Signed(token, expiry.minus(RENEW_BEFORE_EXPIRY)));
        return token;
    }

    private String sign(String subject, Role role, String audience, Instant now, Instant expiry) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(audience);
        claims.setSubject(subject);
        claims.setStringClaim(InternalTokenVerifier.ROLE_CLAIM, role.claim());
        claims.setIssuedAt(NumericDate.fromMilliseconds(now.toEpochMilli()));
        claims.setExpirationTime(NumericDate.fromMilliseconds(expiry.toEpochMilli()));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(signingKey());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign an internal token", e);
        }
    }

    PrivateKey signingKey() {
        PrivateKey loaded = key;
        if (loaded == null) {
            loaded = Pem.privateKey(config.privateKey().orElseThrow(() -> new IllegalStateException(
                    issuer + " calls other services but has no signing key: set dispatch.internal-auth.private-key")));
            key = loaded;
        }
        return loaded;
    }

    private record Key(String subject, Role role, String audience) {
    }

    private record Signed(String token, Instant renewAt) {
    }
}
