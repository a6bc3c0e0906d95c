package dev.dispatch.testsupport.jwt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A fresh RSA key pair per test run in target/test-jwt: the service verifies with the public key, {@link Tokens}
 * signs with the private one, as bin/run and bin/token do for local runs; nothing is committed.
 * <p>
 * Register it with {@code @QuarkusTestResource(TestJwtKeys.class)} and also set
 * {@code %test.mp.jwt.verify.publickey.location=target/test-jwt/public.pem} in the service's configuration:
 * without a configured key smallrye-jwt makes a test key pair of its own, which would win over this one.
 */
public class TestJwtKeys implements QuarkusTestResourceLifecycleManager {

    static final Path DIR = Path.of("target", "test-jwt").toAbsolutePath();
    static final Path PRIVATE_KEY = DIR.resolve("private.pem");
    static final Path PUBLIC_KEY = DIR.resolve("public.pem");

    @Override
    public Map<String, String> start() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(DIR);
            Files.writeString(PUBLIC_KEY, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            Files.writeString(PRIVATE_KEY, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make an RSA key pair", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("mp.jwt.verify.publickey.location", PUBLIC_KEY.toString());
    }

    @Override
    public void stop() {
        // the keys stay in target/ for a look after the run
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
