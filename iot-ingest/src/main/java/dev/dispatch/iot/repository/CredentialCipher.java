package dev.dispatch.iot.repository;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for the sensors' pre-shared keys at rest (the server needs the keys themselves to compute DTLS PSK
 * handshakes, so they cannot be hashed). Each key gets a fresh 96-bit nonce; the sensor id is the associated data, so
 * a ciphertext only opens for the sensor it was sealed for. The database alone never reveals a key.
 */
public final class CredentialCipher {

    /** A sealed key: the ciphertext (with the 128-bit tag) and its nonce. */
    public record Sealed(byte[] ciphertext, byte[] nonce) {
    }

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int KEY_BYTES = 32;
    private static final String DEV_KEY_SEED = "dispatch iot-ingest development credential key: never for production";

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public CredentialCipher(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("the credential key must be " + KEY_BYTES + " bytes, not " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    /**
     * The cipher of the configured key (base64 of 32 bytes). Without one: in dev and test a key derived from a fixed
     * text (whoever reads this source can open what it sealed), otherwise an error, so that production never runs on it.
     *
     * @param onDevKey told when the derived key is used (a warning)
     */
    public static CredentialCipher fromConfig(Optional<String> base64Key, boolean devOrTest, Runnable onDevKey) {
        if (base64Key.isEmpty() || base64Key.get().isBlank()) {
            if (!devOrTest) {
                throw new IllegalStateException("dispatch.iot.coap.credential-key (DISPATCH_COAP_CREDENTIAL_KEY) is not set: it must be the "
                        + "base64 of 32 random bytes (e.g. openssl rand -base64 32); the sensors' keys are stored under it");
            }
            onDevKey.run();
            return new CredentialCipher(sha256(DEV_KEY_SEED));
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64Key.get().trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("dispatch.iot.coap.credential-key is not base64: " + e.getMessage());
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalStateException("dispatch.iot.coap.credential-key must be the base64 of " + KEY_BYTES + " bytes, not of " + key.length);
        }
        return new CredentialCipher(key);
    }

    public Sealed seal(String sensorId, byte[] plain) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(sensorId.getBytes(StandardCharsets.UTF_8));
            return new Sealed(cipher.doFinal(plain), nonce);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a sensor key", e);
        }
    }

    /** The key sealed for this sensor; fails if it was sealed for another sensor, under another key, or altered. */
    public byte[] open(String sensorId, byte[] ciphertext, byte[] nonce) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(sensorId.getBytes(StandardCharsets.UTF_8));
        return cipher.doFinal(ciphertext);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
