package dev.dispatch.iot.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

/** The sensors' keys at rest: AES-256-GCM, bound to the sensor, and no production start without a configured key. */
class CredentialCipherTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PSK = "Zq3rT9xKp2LmN8vB4cW7yH1s".getBytes(StandardCharsets.US_ASCII);

    private final CredentialCipher cipher = new CredentialCipher(KEY);

    @Test
    void aSealedKeyOpensForItsSensorAndIsNotStoredInTheClear() throws GeneralSecurityException {
        CredentialCipher.Sealed sealed = cipher.seal("tag-1", PSK);

        assertThat(sealed.nonce()).hasSize(12);
        assertThat(sealed.ciphertext()).hasSize(PSK.length + 16); // with the GCM tag
        assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain(new String(PSK, StandardCharsets.US_ASCII));
        assertThat(cipher.open("tag-1", sealed.ciphertext(), sealed.nonce())).isEqualTo(PSK);
        assertThat(cipher.seal("tag-1", PSK).nonce()).isNotEqualTo(sealed.nonce()); // a fresh nonce every time
    }

    @Test
    void itDoesNotOpenForAnotherSensorUnderAnotherKeyOrAltered() {
        CredentialCipher.Sealed sealed = cipher.seal("tag-1", PSK);

        assertThatThrownBy(() -> cipher.open("tag-2", sealed.ciphertext(), sealed.nonce())).isInstanceOf(GeneralSecurityException.class);
        byte[] otherKey = KEY.clone();
        otherKey[0] ^= 1;
        assertThatThrownBy(() -> new CredentialCipher(otherKey).open("tag-1", sealed.ciphertext(), sealed.nonce()))
                .isInstanceOf(GeneralSecurityException.class);
        byte[] altered = sealed.ciphertext().clone();
        altered[3] ^= 1;
        assertThatThrownBy(() -> cipher.open("tag-1", altered, sealed.nonce())).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void theConfiguredKeyIsBase64Of32Bytes() throws GeneralSecurityException {
        String base64 = Base64.getEncoder().encodeToString(KEY);
        CredentialCipher configured = CredentialCipher.fromConfig(Optional.of(base64), false, () -> {
            throw new AssertionError("no dev key when one is configured");
        });
        CredentialCipher.Sealed sealed = configured.seal("tag-1", PSK);
        assertThat(cipher.open("tag-1", sealed.ciphertext(), sealed.nonce())).isEqualTo(PSK);

        assertThatThrownBy(() -> CredentialCipher.fromConfig(Optional.of("not base64!"), true, () -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("base64");
        assertThatThrownBy(() -> CredentialCipher.fromConfig(Optional.of(Base64.getEncoder().encodeToString(new byte[16])), true, () -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("32 bytes");
    }

    @Test
    void withoutAKeyOnlyDevAndTestRunOnADerivedOneWithAWarning() throws GeneralSecurityException {
        assertThatThrownBy(() -> CredentialCipher.fromConfig(Optional.empty(), false, () -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("DISPATCH_COAP_CREDENTIAL_KEY");
        assertThatThrownBy(() -> CredentialCipher.fromConfig(Optional.of(" "), false, () -> { })).isInstanceOf(IllegalStateException.class);

        AtomicBoolean warned = new AtomicBoolean();
        CredentialCipher dev = CredentialCipher.fromConfig(Optional.empty(), true, () -> warned.set(true));
        assertThat(warned).isTrue();
        CredentialCipher.Sealed sealed = dev.seal("tag-1", PSK);
        // The same derived key on every start: what was sealed stays readable.
        assertThat(CredentialCipher.fromConfig(Optional.empty(), true, () -> { }).open("tag-1", sealed.ciphertext(), sealed.nonce()))
                .isEqualTo(PSK);
    }
}
