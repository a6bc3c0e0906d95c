package dev.dispatch.notification.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The TURN REST API credential against values computed outside Java (openssl dgst -sha1 -hmac ... -binary | base64). */
class TurnCredentialTest {

    @Test
    void theCredentialIsBase64OfHmacSha1OfTheUsernameWithTheSharedSecret() {
        // echo -n "1767225600:alice" | openssl dgst -sha1 -hmac "test-turn-secret" -binary | base64
        TurnCredential alice = TurnCredential.of("test-turn-secret", "alice", Instant.ofEpochSecond(1767225600));
        assertThat(alice.username()).isEqualTo("1767225600:alice");
        assertThat(alice.credential()).isEqualTo("kjhQyS952QbqPB+PFRuziYzT3Rw=");
        assertThat(alice.expiresAt()).isEqualTo(Instant.ofEpochSecond(1767225600));

        // echo -n "1767225600:courier-1" | openssl dgst -sha1 -hmac "north-wind" -binary | base64
        assertThat(TurnCredential.of("north-wind", "courier-1", Instant.ofEpochSecond(1767225600)).credential())
                .isEqualTo("9Xb5/lYpRWbSXKHzkzQeIk2ELjA=");
    }

    @Test
    void anotherExpiryOrSecretGivesAnotherCredential() {
        Instant expiry = Instant.ofEpochSecond(1767225600);
        String credential = TurnCredential.of("test-turn-secret", "alice", expiry).credential();
        assertThat(TurnCredential.of("test-turn-secret", "alice", expiry.plusSeconds(1)).credential()).isNotEqualTo(credential);
        assertThat(TurnCredential.of("other-secret", "alice", expiry).credential()).isNotEqualTo(credential);
    }
}
