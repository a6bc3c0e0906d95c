package dev.dispatch.gateway.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PageLimitsTest {

    @Test
    void aPageHoldsOneToAHundred() {
        assertThat(PageLimits.isPageSize(1)).isTrue();
        assertThat(PageLimits.isPageSize(100)).isTrue();
        assertThat(PageLimits.isPageSize(0)).isFalse();
        assertThat(PageLimits.isPageSize(101)).isFalse();
        assertThat(PageLimits.isPageSize(-1)).isFalse();
        assertThat(PageLimits.PAGE_RULE).isEqualTo("must be a whole number from 1 to 100");
    }

    @Test
    void oneAnswerHoldsOneTo500Readings() {
        assertThat(PageLimits.isReadings(1)).isTrue();
        assertThat(PageLimits.isReadings(500)).isTrue();
        assertThat(PageLimits.isReadings(0)).isFalse();
        assertThat(PageLimits.isReadings(501)).isFalse();
        assertThat(PageLimits.READINGS_RULE).isEqualTo("must be a whole number from 1 to 500");
    }

    @Test
    void aCursorIsAtMost512Characters() {
        assertThat(PageLimits.isCursor(null)).isTrue();
        assertThat(PageLimits.isCursor("")).isTrue();
        assertThat(PageLimits.isCursor("c".repeat(512))).isTrue();
        assertThat(PageLimits.isCursor("c".repeat(513))).isFalse();
        assertThat(PageLimits.CURSOR_RULE).isEqualTo("must be at most 512 characters");
    }
}
