package dev.dispatch.notification.model;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A short-lived TURN credential in the TURN REST API style (coturn's {@code use-auth-secret}): the username is
 * {@code <expiry epoch seconds>:<user>}, the password base64(HMAC-SHA1(shared secret, username)). The TURN server
 * recomputes it from the same secret, so nothing is stored and the credential stops working at its expiry.
 */
public record TurnCredential(String username, String credential, Instant expiresAt) {

    public static TurnCredential of(String secret, String user, Instant expiresAt) {
        String username = expiresAt.getEpochSecond() + ":" + user;
        return new TurnCredential(username, hmacSha1Base64(secret, username), expiresAt);
    }

    static String hmacSha1Base64(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JRE", e);
        }
    }
}
