package dev.dispatch.testsupport.jwt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** Bearer tokens as bin/token makes them (RS256, iss https://dispatch.local), signed with {@link TestJwtKeys}' key. */
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

    /** A token of a group the API does not know. */
    public static String ofGroup(String subject, String group) {
        return sign(ISSUER, subject, group, Duration.ofMinutes(10), privateKey());
    }

    public static String expired(String subject) {
        return sign(ISSUER, subject, "customer", Duration.ofMinutes(-10), privateKey());
    }

    public static String ofIssuer(String issuer, String subject) {
        return sign(issuer, subject, "customer", Duration.ofMinutes(10), privateKey());
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
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String claims = "{\"iss\":\"" + issuer + "\",\"sub\":\"" + subject + "\",\"upn\":\"" + subject + "\",\"groups\":[\"" + group
                + "\"],\"iat\":" + Math.min(now.getEpochSecond(), expires.getEpochSecond() - 60) + ",\"exp\":" + expires.getEpochSecond()
                + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
        String signingInput = base64Url(header) + "." + base64Url(claims);
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
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

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
