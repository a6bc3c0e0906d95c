package dev.dispatch.iot.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The device id rule: 1 to 64 letters, digits, '.', '_', ':' or '-'. */
class DeviceIdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "courier-1", "tracker_7.box:2", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.:"})
    void valid(String id) {
        assertThat(DeviceIds.isValid(id)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"with space", "slash/y", "plus+", "hash#", "ümlaut",
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.:-"})
    void invalid(String id) {
        assertThat(DeviceIds.isValid(id)).isFalse();
    }
}
