package dev.dispatch.gateway.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class OrderIdsTest {

    @Test
    void uuidsInEitherCaseAreValid() {
        assertThat(OrderIds.isValid(UUID.randomUUID().toString())).isTrue();
        assertThat(OrderIds.isValid("0B9A4F7E-3C2D-4E5F-8A9B-1C2D3E4F5A6B")).isTrue();
    }

    @Test
    void anythingElseNamesNoOrder() {
        assertThat(OrderIds.isValid(null)).isFalse();
        assertThat(OrderIds.isValid("")).isFalse();
        assertThat(OrderIds.isValid("42")).isFalse();
        assertThat(OrderIds.isValid("0b9a4f7e3c2d4e5f8a9b1c2d3e4f5a6b")).isFalse();
        assertThat(OrderIds.isValid("0b9a4f7e-3c2d-4e5f-8a9b-1c2d3e4f5a6g")).isFalse();
        assertThat(OrderIds.isValid(" 0b9a4f7e-3c2d-4e5f-8a9b-1c2d3e4f5a6b")).isFalse();
    }
}
