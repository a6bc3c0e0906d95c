package dev.dispatch.loadgen.local;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * The local run that bin/run started: its folder ({@code .dispatch}) holds the key pair its services trust, so the
 * load generator signs its own tokens, as bin/token does (same issuer, claims and algorithm as bin/lib/LocalJwt).
 */
public final class LocalRun {

    static final String ISSUER = "https://dispatch.local";

    private final Path runDir;

    public LocalRun(Path runDir) {
        this.runDir = runDir;
    }

    public Path runDir() {
        return runDir;
    }

    /** A token for customer|operator SUBJECT, valid for {@code validity}. */
    public String token(String role, String subject, Duration validity) {
        Path pem = runDir.resolve("jwt").resolve("private.pem");
        if (!Files.exists(pem)) {
            throw new IllegalStateException("no key pair in " + pem.getParent() + ": start the system with bin/run first (it creates one)");
        }
        try {
            Instant now = Instant.now();
            String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
            String claims = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + subject + "\",\"upn\":\"" + subject + "\","
                    + "\"groups\":[\"" + role + "\"],\"iat\":" + now.getEpochSecond() + ",\"exp\":"
                    + now.plus(validity).getEpochSecond() + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
            String signingInput = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "."
                    + base64Url(claims.getBytes(StandardCharsets.UTF_8));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(privateKey(pem));
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64Url(rsa.sign());
        } catch (Exception e) {
            throw new IllegalStateException("could not sign a token with " + pem + ": " + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(Path pem) throws Exception {
        String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
