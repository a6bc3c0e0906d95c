package dev.dispatch.iot.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A sensor's configuration: defaults, ranges (each named by its field), and a version that moves only with a change. */
class SensorConfigTest {

    @Test
    void unsetValuesTakeTheDefaultsAtVersionOne() {
        assertThat(SensorConfig.initial(null, null, null)).isEqualTo(new SensorConfig(300, 8.0, 4.0, 1));
        assertThat(SensorConfig.initial(60, -5.0, 2.5)).isEqualTo(new SensorConfig(60, -5.0, 2.5, 1));
    }

    @Test
    void theRangesIncludeTheirEnds() {
        assertThat(SensorConfig.initial(5, -40.0, 0.1)).isEqualTo(new SensorConfig(5, -40.0, 0.1, 1));
        assertThat(SensorConfig.initial(86_400, 85.0, 100.0)).isEqualTo(new SensorConfig(86_400, 85.0, 100.0, 1));
    }

    @Test
    void aValueOutOfRangeIsRefusedNamingItsField() {
        assertRefused(() -> SensorConfig.initial(4, null, null), "report_interval_seconds");
        assertRefused(() -> SensorConfig.initial(86_401, null, null), "report_interval_seconds");
        assertRefused(() -> SensorConfig.initial(null, -40.1, null), "max_temperature_c");
        assertRefused(() -> SensorConfig.initial(null, 85.5, null), "max_temperature_c");
        assertRefused(() -> SensorConfig.initial(null, Double.NaN, null), "max_temperature_c");
        assertRefused(() -> SensorConfig.initial(null, null, 0.09), "max_shock_g");
        assertRefused(() -> SensorConfig.initial(null, null, Double.POSITIVE_INFINITY), "max_shock_g");
        assertRefused(() -> new SensorConfig(300, 8, 4, 7).with(null, null, 101.0), "max_shock_g");
    }

    @Test
    void aChangeIsTheNextVersionAndNoChangeKeepsTheVersion() {
        SensorConfig v1 = SensorConfig.initial(null, null, null);

        SensorConfig v2 = v1.with(null, 6.0, null);
        assertThat(v2).isEqualTo(new SensorConfig(300, 6.0, 4.0, 2));
        assertThat(v2.with(null, null, null)).isSameAs(v2);
        assertThat(v2.with(300, 6.0, 4.0)).isSameAs(v2);
        assertThat(v2.with(600, null, null)).isEqualTo(new SensorConfig(600, 6.0, 4.0, 3));
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidRequest.class, e -> assertThat(e.field()).isEqualTo(field));
    }
}
