package dev.dispatch.platform.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;

/**
 * Checks an internal token: signed (RS256) by a trusted issuer, addressed to this service, not expired, valid for no
 * longer than a token may be, with a known role; a user role only from an issuer that may speak for users, and a
 * service only for itself. Verified tokens are remembered until they expire: callers reuse theirs, so most calls cost
 * a map lookup instead of an RSA verification.
 */
@ApplicationScoped
public class InternalTokenVerifier {

    static final String ROLE_CLAIM = "role";
    private static final int MAX_CACHED = 10_000;
    private static final JwtConsumer UNVERIFIED = new JwtConsumerBuilder()
            .setSkipAllValidators().setDisableRequireSignature().setSkipSignatureVerification().build();

    private final String[] audiences;
    private final InternalAuthConfig config;
    private final Map<String, JwtConsumer> consumers;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    @Inject
    InternalTokenVerifier(@ConfigProperty(name = "quarkus.application.name") String name, InternalAuthConfig config) {
        this(config.audiences().orElse(Set.of(name)), config, trustedKeys(config));
    }

    InternalTokenVerifier(Set<String> audiences, InternalAuthConfig config, Map<String, PublicKey> trusted) {
        this.audiences = audiences.toArray(String[]::new);
        this.config = config;
        this.consumers = new HashMap<>();
        trusted.forEach((issuer, key) -> consumers.put(issuer, consumer(issuer, key)));
    }

    /** The caller the token names; {@link InvalidInternalToken} with the reason when it may not be believed. */
    public CallerIdentity verify(String token) {
        Verified known = verified.get(token);
        if (known != null && Instant.now().isBefore(known.expiry())) {
            return known.caller();
        }
        JwtContext context = check(token);
        CallerIdentity caller = caller(context.getJwtClaims(), claims(context, c -> c.getIssuer()));
        if (verified.size() >= MAX_CACHED) {
            verified.clear();
        }
        verified.put(token, new Verified(caller, Instant.ofEpochMilli(
                claims(context, c -> c.getExpirationTime().getValueInMillis()))));
        return caller;
    }

    /** The signature and claims of a token seen for the first time (what the cache saves repeated callers). */
    JwtContext check(String token) {
        JwtContext context;
        try {
            context = UNVERIFIED.process(token);
        } catch (InvalidJwtException e) {
            throw new InvalidInternalToken("the token is not a JWT");
        }
        String issuer = claims(context, c -> c.getIssuer());
        JwtConsumer consumer = issuer == null ? null : consumers.get(issuer);
        if (consumer == null) {
            throw new InvalidInternalToken("the token's issuer is not trusted here");
        }
        try {
            consumer.processContext(context);
        } catch (InvalidJwtException e) {
            throw new InvalidInternalToken(reason(e));
        }
        return context;
    }

    private CallerIdentity caller(JwtClaims claims, String issuer) {
        String subject = claims(claims, c -> c.getSubject());
        Role role = Role.ofClaim(claims(claims, c -> c.getStringClaimValue(ROLE_CLAIM)));
        if (role == null) {
            throw new InvalidInternalToken("the token has no known role");
        }
        if (role == Role.SERVICE ? !subject.equals(issuer) : !config.userIssuers().contains(issuer)) {
            throw new InvalidInternalToken(role == Role.SERVICE
                    ? "a service may only speak for itself" : issuer + " may not speak for users");
        }
        return new CallerIdentity(subject, role, issuer);
    }

    private JwtConsumer consumer(String issuer, PublicKey key) {
        int skew = (int) config.clockSkew().toSeconds();
        return new JwtConsumerBuilder()
                .setExpectedIssuer(issuer)
                .setExpectedAudience(audiences)
                .setRequireSubject()
                .setRequireExpirationTime()
                .setAllowedClockSkewInSeconds(skew)
                // a token valid for longer than tokens are issued for was not issued by our code
                .setMaxFutureValidityInMinutes((int) config.tokenLifetime().toMinutes() + 1)
                .setVerificationKey(key)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                .build();
    }

    private static String reason(InvalidJwtException e) {
        if (e.hasExpired()) {
            return "the token has expired";
        }
        if (e.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || e.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
            return "the token is not addressed to this service";
        }
        if (e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID)) {
            return "the token's signature does not verify";
        }
        if (e.hasErrorCode(ErrorCodes.EXPIRATION_TOO_FAR_IN_FUTURE)) {
            return "the token is valid for longer than internal tokens are";
        }
        return "the token is not valid";
    }

    private static Map<String, PublicKey> trustedKeys(InternalAuthConfig config) {
        Map<String, PublicKey> keys = new HashMap<>();
        config.publicKeys().ifPresent(dir -> {
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(f -> f.getFileName().toString().endsWith(".pem")).forEach(f -> {
                    String name = f.getFileName().toString();
                    keys.put(name.substring(0, name.length() - ".pem".length()), Pem.publicKey(f));
                });
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the trusted issuers' keys in " + dir, e);
            }
        });
        return keys;
    }

    private interface Claim<T> {
        T read(JwtClaims claims) throws MalformedClaimException;
    }

    private static <T> T claims(JwtContext context, Claim<T> claim) {
        return claims(context.getJwtClaims(), claim);
    }

    private static <T> T claims(JwtClaims claims, Claim<T> claim) {
        try {
            return claim.read(claims);
        } catch (MalformedClaimException | NullPointerException e) {
            throw new InvalidInternalToken("the token's claims are malformed");
        }
    }

    private record Verified(CallerIdentity caller, Instant expiry) {
    }
}
