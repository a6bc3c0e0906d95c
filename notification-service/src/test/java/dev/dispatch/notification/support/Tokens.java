package dev.dispatch.notification.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;

/** RS256 tokens as bin/token makes them (iss https://dispatch.local, sub, groups), signed with {@link TestJwtKeys}' key. */
public final class Tokens {

    public static final String ISSUER = "https://dispatch.local";

    private Tokens() {
    }

    public static String customer(String subject) {
        return sign(ISSUER, subject, "customer", Duration.ofMinutes(10), privateKey());
    }

    public static String operator(String subject) {
        return sign(ISSUER, subject, "operator", Duration.ofMinutes(10), privateKey());
    }

    public static String ofGroup(String subject, String group) {
        return sign(ISSUER, subject, group, Duration.ofMinutes(10), privateKey());
    }

    public static String expired(String subject) {
        return sign(ISSUER, subject, "customer", Duration.ofMinutes(-10), privateKey());
    }

    /** Well formed, but signed by a key the service never saw. */
    public static String signedByStranger(String subject) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return sign(ISSUER, subject, "customer", Duration.ofMinutes(10), generator.generateKeyPair().getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(String issuer, String subject, String group, Duration validity, PrivateKey key) {
        Instant now = Instant.now();
        Instant expires = now.plus(validity);
        return Jwt.issuer(issuer)
                .subject(subject)
                .upn(subject)
                .groups(Set.of(group))
                .issuedAt(Math.min(now.getEpochSecond(), expires.getEpochSecond() - 60))
                .expiresAt(expires.getEpochSecond())
                .jws().algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256)
                .sign(key);
    }

    private static PrivateKey privateKey() {
        try {
            String base64 = Files.readString(TestJwtKeys.PRIVATE_KEY).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
