package dev.dispatch.testsupport.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

import io.grpc.Metadata;
import io.quarkus.grpc.GrpcClientUtils;

/**
 * Internal tokens as the gateway and order-service sign them (see {@code dev.dispatch.platform.identity}), and the bad
 * ones a service must refuse, for calling a service's gRPC methods in its tests:
 * {@code InternalCallers.as(orders, InternalCallers.customer("alice", "order-service")).getOrder(...)}.
 */
public final class InternalCallers {

    private static final Duration LIFETIME = Duration.ofMinutes(5);

    private InternalCallers() {
    }

    public static String customer(String subject, String audience) {
        return sign("gateway", subject, "customer", audience, LIFETIME);
    }

    public static String operator(String subject, String audience) {
        return sign("gateway", subject, "operator", audience, LIFETIME);
    }

    public static String courier(String subject, String audience) {
        return sign("gateway", subject, "courier", audience, LIFETIME);
    }

    /** A service acting as itself (order-service calling payment-service for no user). */
    public static String service(String name, String audience) {
        return sign(name, name, "service", audience, LIFETIME);
    }

    /** Signed by the gateway, but expired a minute ago (past the verifier's 30 s of clock skew). */
    public static String expired(String audience) {
        return sign("gateway", "operator-1", "operator", audience, Duration.ofMinutes(-1));
    }

    /** Claims the gateway issued it, signed with a key nobody trusts. */
    public static String forged(String audience) {
        return sign("gateway", "operator-1", "operator", audience, LIFETIME, TestInternalKeys.ROGUE);
    }

    /** Valid in every way, but for another service. */
    public static String forAnotherService(String audience) {
        return operator("operator-1", audience + "-elsewhere");
    }

    /** Signed with a key of its own by an issuer nobody trusts. */
    public static String untrustedIssuer(String audience) {
        return sign(TestInternalKeys.ROGUE, "operator-1", "operator", audience, LIFETIME);
    }

    /** order-service's key, but claiming to speak for an operator: only the gateway may speak for users. */
    public static String serviceSpeakingForAUser(String audience) {
        return sign("order-service", "operator-1", "operator", audience, LIFETIME);
    }

    /** {@code authorization: Bearer <token>}. */
    public static Metadata headers(String token) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return headers;
    }

    /** The injected gRPC client, sending the token with every call. */
    public static <T> T as(T client, String token) {
        return GrpcClientUtils.attachHeaders(client, headers(token));
    }

    static String sign(String issuer, String subject, String role, String audience, Duration lifetime) {
        return sign(issuer, subject, role, audience, lifetime, issuer);
    }

    static String sign(String issuer, String subject, String role, String audience, Duration lifetime, String keyOf) {
        Instant now = Instant.now();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(audience);
        claims.setSubject(subject);
        claims.setStringClaim("role", role);
        claims.setIssuedAt(NumericDate.fromMilliseconds(now.toEpochMilli()));
        claims.setExpirationTime(NumericDate.fromMilliseconds(now.plus(lifetime).toEpochMilli()));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(privateKey(keyOf));
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey privateKey(String issuer) {
        try {
            String base64 = Files.readString(TestInternalKeys.privateKey(issuer))
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
