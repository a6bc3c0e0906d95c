import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Local-only tokens for Dispatch, with nothing but the JDK (run as a single-file program):
 *   java bin/lib/LocalJwt.java keygen DIR                        a fresh RSA key pair in DIR (if none there yet)
 *   java bin/lib/LocalJwt.java token DIR ROLE SUBJECT [HOURS]    a signed token for customer|operator|courier
 *                                                               (a courier's SUBJECT is the id of the device they carry)
 *   java bin/lib/LocalJwt.java internal DIR ROLE SUBJECT AUDIENCE  an internal token as the gateway signs it for one
 *                                                               gRPC call to AUDIENCE (order-service, payment-service,
 *                                                               iot-ingest, notification-service), valid 5 minutes; with
 *                                                               ROLE service, as the service SUBJECT signs for itself
 * The key pair is generated on each machine and never committed; production verifies tokens of its own issuer.
 */
public class LocalJwt {

    static final String ISSUER = "https://dispatch.local";

    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && args[0].equals("keygen")) {
            keygen(Path.of(args[1]));
        } else if (args.length >= 4 && args[0].equals("token")) {
            String role = args[2];
            if (!role.equals("customer") && !role.equals("operator") && !role.equals("courier")) {
                fail("role must be customer, operator or courier, not '" + role + "'");
            }
            if (!args[3].matches("[A-Za-z0-9._@-]{1,64}")) {
                fail("subject must be 1-64 letters, digits or . _ @ -");
            }
            long hours = args.length > 4 ? Long.parseLong(args[4]) : 12;
            System.out.println(token(Path.of(args[1]), role, args[3], Duration.ofHours(hours)));
        } else if (args.length >= 5 && args[0].equals("internal")) {
            String role = args[2];
            if (!role.equals("customer") && !role.equals("operator") && !role.equals("courier") && !role.equals("service")) {
                fail("role must be customer, operator, courier or service, not '" + role + "'");
            }
            if (!args[3].matches("[A-Za-z0-9._@-]{1,64}") || !args[4].matches("[a-z-]{1,64}")) {
                fail("subject must be 1-64 letters, digits or . _ @ -; audience a service name");
            }
            System.out.println(internalToken(Path.of(args[1]), role, args[3], args[4]));
        } else {
            fail("usage: LocalJwt keygen DIR | LocalJwt token DIR customer|operator|courier SUBJECT [HOURS]"
                    + " | LocalJwt internal DIR customer|operator|courier|service SUBJECT AUDIENCE");
        }
    }

    static void keygen(Path dir) throws Exception {
        Path privateKey = dir.resolve("private.pem");
        if (Files.exists(privateKey)) {
            return;
        }
        Files.createDirectories(dir);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Files.writeString(dir.resolve("public.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        try {
            Files.setPosixFilePermissions(privateKey, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // best effort on other file systems
        }
    }

    static String token(Path dir, String role, String subject, Duration validity) throws Exception {
        Instant now = Instant.now();
        return sign(dir, "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + subject + "\",\"upn\":\"" + subject + "\","
                + "\"groups\":[\"" + role + "\"],\"iat\":" + now.getEpochSecond() + ",\"exp\":"
                + now.plus(validity).getEpochSecond() + ",\"jti\":\"" + UUID.randomUUID() + "\"}");
    }

    /**
     * The claims of dev.dispatch.platform.identity.InternalTokens: issuer the gateway (for a user) or the service itself
     * (role service), audience the service called, 5 minutes.
     */
    static String internalToken(Path dir, String role, String subject, String audience) throws Exception {
        Instant now = Instant.now();
        String issuer = role.equals("service") ? subject : "gateway";
        return sign(dir, "{\"iss\":\"" + issuer + "\",\"aud\":\"" + audience + "\",\"sub\":\"" + subject + "\",\"role\":\""
                + role + "\",\"iat\":" + now.getEpochSecond() + ",\"exp\":" + now.plus(Duration.ofMinutes(5)).getEpochSecond() + "}");
    }

    private static String sign(Path dir, String claims) throws Exception {
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String signingInput = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "." + base64Url(claims.getBytes(StandardCharsets.UTF_8));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(readPrivateKey(dir.resolve("private.pem")));
        rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + base64Url(rsa.sign());
    }

    private static PrivateKey readPrivateKey(Path pem) throws Exception {
        if (!Files.exists(pem)) {
            fail("no key pair in " + pem.getParent() + ": start the system with bin/run first (it creates one)");
        }
        String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void fail(String message) {
        System.err.println("LocalJwt: " + message);
        System.exit(2);
    }
}
