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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The local run that bin/run started: its folder ({@code .dispatch}) holds the keys its services trust, so the load
 * generator signs its own tokens: a user's, as bin/token does (same issuer, claims and algorithm as bin/lib/LocalJwt),
 * and the internal token the gateway would sign for a customer's gRPC calls (README "Security model").
 */
public final class LocalRun {

    static final String ISSUER = "https://dispatch.local";
    static final String GATEWAY = "gateway";
    static final String ORDER_SERVICE = "order-service";
    /** As the services issue them: they refuse one valid for much longer. */
    static final Duration INTERNAL_TOKEN_LIFETIME = Duration.ofMinutes(5);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path runDir;

    public LocalRun(Path runDir) {
        this.runDir = runDir;
    }

    public Path runDir() {
        return runDir;
    }

    /** The broker bin/run started, and the operators' login (allowed everything; a local run only). */
    public record Broker(String host, int amqpPort, String user, String password) {
    }

    /** The broker from bin/run's {@code broker.properties}. */
    public Broker broker() {
        Path file = runDir.resolve("broker.properties");
        java.util.Properties properties = new java.util.Properties();
        try (var in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("no broker in " + file + ": start the system with bin/run first", e);
        }
        return new Broker(properties.getProperty("host", "127.0.0.1"), Integer.parseInt(properties.getProperty("amqp.port")),
                properties.getProperty("user"), properties.getProperty("password"));
    }

    /** A token for customer|operator SUBJECT, valid for {@code validity}. */
    public String token(String role, String subject, Duration validity) {
        return tokens(role, validity).apply(subject);
    }

    /**
     * Tokens for many users of one role (ws-fanout's thousands of operators): the key is read once, and the function
     * may be called from several threads at once (each signature is a couple of milliseconds of CPU).
     */
    public Function<String, String> tokens(String role, Duration validity) {
        Path pem = runDir.resolve("jwt").resolve("private.pem");
        if (!Files.exists(pem)) {
            throw new IllegalStateException("no key pair in " + pem.getParent() + ": start the system with bin/run first (it creates one)");
        }
        PrivateKey key = privateKey(pem);
        return subject -> {
            Instant now = Instant.now();
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("iss", ISSUER);
            claims.put("sub", subject);
            claims.put("upn", subject);
            claims.put("groups", List.of(role));
            claims.put("iat", now.getEpochSecond());
            claims.put("exp", now.plus(validity).getEpochSecond());
            claims.put("jti", UUID.randomUUID().toString());
            return sign(key, pem, claims);
        };
    }

    /**
     * The internal token the gateway signs for customer {@code subject}'s calls to order-service, with the gateway's
     * own key in {@code internal/gateway}; valid for five minutes, so a longer run renews it.
     */
    public InternalToken customerToOrderService(String subject) {
        Path pem = runDir.resolve("internal").resolve(GATEWAY).resolve("private.pem");
        if (!Files.exists(pem)) {
            throw new IllegalStateException("no internal key of the gateway at " + pem + ": run bin/run first (it creates one)");
        }
        Instant now = Instant.now();
        Instant expiry = now.plus(INTERNAL_TOKEN_LIFETIME);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", GATEWAY);
        claims.put("aud", ORDER_SERVICE);
        claims.put("sub", subject);
        claims.put("role", "customer");
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", expiry.getEpochSecond());
        return new InternalToken(sign(privateKey(pem), pem, claims), Instant.ofEpochSecond(expiry.getEpochSecond()));
    }

    /** A JWT of {@code claims}, RS256 with {@code key} (read from {@code pem}, named in a failure). */
    private static String sign(PrivateKey key, Path pem, Map<String, Object> claims) {
        try {
            String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
            String signingInput = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "." + base64Url(JSON.writeValueAsBytes(claims));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64Url(rsa.sign());
        } catch (Exception e) {
            throw new IllegalStateException("could not sign a token with " + pem + ": " + e.getMessage(), e);
        }
    }

    /** The PKCS#8 key in {@code pem}. */
    private static PrivateKey privateKey(Path pem) {
        try {
            String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (Exception e) {
            throw new IllegalStateException("could not read the key " + pem + ": " + e.getMessage(), e);
        }
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
