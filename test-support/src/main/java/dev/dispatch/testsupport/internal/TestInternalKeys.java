package dev.dispatch.testsupport.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The internal token keys of a test run in target/test-internal-keys, laid out as deploy/secrets.sh and bin/run lay
 * them out: a key pair per issuer that signs ({@code gateway}, {@code order-service}), their public keys in
 * {@code public/} (what the service under test trusts), and a {@code rogue} pair that nobody trusts, for forgeries.
 * Kept once made, so that every Quarkus start of a module's run sees the same keys.
 * <p>
 * Register it with {@code @QuarkusTestResource(TestInternalKeys.class)}; a service that calls others also sets
 * {@code %test.dispatch.internal-auth.private-key=target/test-internal-keys/<its name>/private.pem}.
 */
public class TestInternalKeys implements QuarkusTestResourceLifecycleManager {

    static final Path DIR = Path.of("target", "test-internal-keys").toAbsolutePath();
    static final Path PUBLIC_KEYS = DIR.resolve("public");
    static final String ROGUE = "rogue";
    private static final List<String> TRUSTED = List.of("gateway", "order-service");

    @Override
    public Map<String, String> start() {
        make();
        return Map.of("dispatch.internal-auth.public-keys", PUBLIC_KEYS.toString());
    }

    @Override
    public void stop() {
        // kept for the next start and for a look after the run
    }

    static synchronized void make() {
        try {
            Files.createDirectories(PUBLIC_KEYS);
            for (String issuer : TRUSTED) {
                KeyPair pair = pair(issuer);
                if (pair != null) {
                    Files.writeString(PUBLIC_KEYS.resolve(issuer + ".pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
                }
            }
            pair(ROGUE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path privateKey(String issuer) {
        make();
        return DIR.resolve(issuer).resolve("private.pem");
    }

    /** A new pair for the issuer, or null when it has one already. */
    private static KeyPair pair(String issuer) throws IOException {
        Path privateKey = DIR.resolve(issuer).resolve("private.pem");
        if (Files.exists(privateKey)) {
            return null;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(privateKey.getParent());
            Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            return pair;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make an RSA key pair", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
