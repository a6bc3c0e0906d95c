package dev.dispatch.iot.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Devices' MQTT passwords: random enough, kept as SHA-256, compared without shortcuts. */
class DevicePasswordsTest {

    @Test
    void aPasswordIs32LettersAndDigitsAndNeverTheSame() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String password = DevicePasswords.generate();
            assertThat(password).matches("[A-Za-z0-9]{32}");
            assertThat(seen.add(password)).isTrue();
        }
        // 62^32 > 2^190: well above the 128 bits asked for.
        assertThat(32 * Math.log(62) / Math.log(2)).isGreaterThan(190);
    }

    @Test
    void theHashIsSha256OfTheUtf8Text() {
        assertThat(HexFormat.of().formatHex(DevicePasswords.hash("abc")))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void onlyTheSamePasswordMatchesAndNoStoredHashNeverDoes() {
        String password = DevicePasswords.generate();
        byte[] stored = DevicePasswords.hash(password);

        assertThat(DevicePasswords.matches(password, stored)).isTrue();
        assertThat(DevicePasswords.matches(password + " ", stored)).isFalse();
        assertThat(DevicePasswords.matches(password.toLowerCase(), stored)).isEqualTo(password.equals(password.toLowerCase()));
        assertThat(DevicePasswords.matches("", stored)).isFalse();
        assertThat(DevicePasswords.matches(password, null)).isFalse();
        // The empty password against no hash: still no (the placeholder compared with is the hash of "").
        assertThat(DevicePasswords.matches("", null)).isFalse();
    }
}
