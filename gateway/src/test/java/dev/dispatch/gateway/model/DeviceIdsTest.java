package dev.dispatch.gateway.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeviceIdsTest {

    @Test
    void iotIngestsIdsAreValid() {
        assertThat(DeviceIds.isValid("courier-7")).isTrue();
        assertThat(DeviceIds.isValid("a")).isTrue();
        assertThat(DeviceIds.isValid("fleet:berlin.truck_01")).isTrue();
        assertThat(DeviceIds.isValid("d".repeat(64))).isTrue();
    }

    @Test
    void anythingElseNamesNoDevice() {
        assertThat(DeviceIds.isValid(null)).isFalse();
        assertThat(DeviceIds.isValid("")).isFalse();
        assertThat(DeviceIds.isValid("-starts-with-a-dash")).isFalse();
        assertThat(DeviceIds.isValid("courier/7")).isFalse();
        assertThat(DeviceIds.isValid("courier 7")).isFalse();
        assertThat(DeviceIds.isValid("d".repeat(65))).isFalse();
    }
}
