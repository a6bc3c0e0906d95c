package dev.dispatch.gateway.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdempotencyKeysTest {

    @Test
    void oneTo128VisibleAsciiCharacters() {
        assertThat(IdempotencyKeys.isValid("order-2026-11-25-1")).isTrue();
        assertThat(IdempotencyKeys.isValid("!")).isTrue();
        assertThat(IdempotencyKeys.isValid("~".repeat(128))).isTrue();
    }

    @Test
    void noKeyIsValidButAnEmptyOneIsNot() {
        assertThat(IdempotencyKeys.isValid(null)).isTrue();
        assertThat(IdempotencyKeys.isValid("")).isFalse();
    }

    @Test
    void spacesControlCharactersNonAsciiAndOverlongKeysAreNot() {
        assertThat(IdempotencyKeys.isValid("two words")).isFalse();
        assertThat(IdempotencyKeys.isValid("tab\there")).isFalse();
        assertThat(IdempotencyKeys.isValid("straße")).isFalse();
        assertThat(IdempotencyKeys.isValid("k".repeat(129))).isFalse();
    }
}
