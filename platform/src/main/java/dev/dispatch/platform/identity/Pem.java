package dev.dispatch.platform.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** RSA keys from PEM files, as bin/lib/LocalJwt.java and deploy/secrets.sh write them. */
final class Pem {

    private Pem() {
    }

    static PrivateKey privateKey(Path file) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(file)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(file + " is not an RSA private key in PKCS#8 PEM", e);
        }
    }

    static PublicKey publicKey(Path file) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(file)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(file + " is not an RSA public key in X.509 PEM", e);
        }
    }

    private static byte[] der(Path file) {
        try {
            String base64 = Files.readString(file).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return Base64.getDecoder().decode(base64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the key " + file, e);
        }
    }
}
