package dev.dispatch.simulator.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.dispatch.simulator.contract.SensorConfig;
import dev.dispatch.simulator.contract.SensorReading;
import dev.dispatch.simulator.support.MutableClock;

/** A sensor tag as pure state, driven by a clock: drift, excursions, shocks, battery, configuration. */
class SimulatedSensorTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:15:30.250Z"));

    @Test
    void withoutExcursionsTheTemperatureDriftsCloseAroundItsBase() {
        SimulatedSensor sensor = new SimulatedSensor("tag-1", SensorSettings.defaults(), clock);

        List<SensorReading> readings = take(sensor, 500);

        assertThat(readings).allSatisfy(r -> assertThat(r.temperatureC()).isBetween(3.0, 5.0));
        double mean = readings.stream().mapToDouble(SensorReading::temperatureC).average().orElseThrow();
        assertThat(mean).isBetween(3.8, 4.2);
        assertThat(readings).allSatisfy(r -> {
            assertThat(r.humidityPercent()).isBetween(50.0, 70.0);
            assertThat(r.shockG()).isBetween(0.0, 1.0);
        });
    }

    @Test
    void anExcursionWarmsTheCargoAboveTheDefaultLimitFromTheThirdReadingForFourReadingsThenItCools() {
        SimulatedSensor sensor = new SimulatedSensor("tag-1", SensorSettings.defaults().withTemperature(4, true), clock);

        List<SensorReading> readings = take(sensor, 9);

        assertThat(readings.subList(0, 2)).allSatisfy(r -> assertThat(r.temperatureC()).isLessThan(5.0));
        // Readings 3..6 are the excursion: it climbs past 8 °C (the default alert limit) within two readings.
        assertThat(readings.get(3).temperatureC()).isGreaterThan(8.0);
        assertThat(readings.get(5).temperatureC()).isGreaterThan(10.0);
        assertThat(readings.get(8).temperatureC()).isLessThan(readings.get(5).temperatureC() - 3);
        // And it comes back, now and then, over a long run.
        long warm = take(sensor, 2000).stream().filter(r -> r.temperatureC() > 8).count();
        assertThat(warm).isBetween(50L, 600L);
    }

    @Test
    void aDoorEventIsAShockSpikeInTheNextReadingOnly() {
        SimulatedSensor sensor = new SimulatedSensor("tag-1", SensorSettings.defaults(), clock);

        double opened = sensor.doorEvent(true);
        SensorReading jolted = sensor.reading();
        SensorReading after = sensor.reading();
        double closed = sensor.doorEvent(false);
        SensorReading slammed = sensor.reading();

        assertThat(opened).isBetween(5.0, 8.0);
        assertThat(jolted.shockG()).isEqualTo(opened);
        assertThat(after.shockG()).isLessThan(1.0);
        assertThat(closed).isBetween(3.0, 5.0);
        assertThat(slammed.shockG()).isEqualTo(closed);
    }

    @Test
    void theStrongestShockSinceTheLastReadingIsReportedWithinTheContractsRange() {
        SimulatedSensor sensor = new SimulatedSensor("tag-1", SensorSettings.defaults(), clock);

        sensor.shock(12);
        sensor.shock(7);
        assertThat(sensor.reading().shockG()).isEqualTo(12.0);
        sensor.shock(5000);
        assertThat(sensor.reading().shockG()).isEqualTo(200.0);
    }

    @Test
    void everyReadingCostsBatteryDownToZero() {
        SimulatedSensor sensor = new SimulatedSensor("tag-1", SensorSettings.defaults().withBattery(0.03), clock);

        List<SensorReading> readings = take(sensor, 5);

        assertThat(readings).extracting(SensorReading::batteryPercent).containsExactly(0.03, 0.02, 0.01, 0.0, 0.0);
    }

    @Test
    void theTimeIsTheClocksToTheMillisecondSoThatFastReadingsStayApart() {
        SimulatedSensor sensor = new SimulatedSensor("tag-1", SensorSettings.defaults(), clock);

        assertThat(sensor.reading().time()).isEqualTo("2026-12-02T10:15:30.250Z");
        clock.advance(Duration.ofNanos(1_400_000));
        assertThat(sensor.reading().time()).isEqualTo("2026-12-02T10:15:30.251Z");
        clock.advance(Duration.ofMillis(9_749));
        assertThat(sensor.reading().time()).isEqualTo("2026-12-02T10:15:40Z");
    }

    @Test
    void aNewerConfigurationChangesTheReportIntervalAndAnOlderOrRepeatedOneDoesNot() {
        SimulatedSensor sensor = new SimulatedSensor("tag-1", SensorSettings.defaults(), clock);

        assertThat(sensor.apply(new SensorConfig(10, 8, 4, 1))).isEmpty(); // the 10 s it was started with
        assertThat(sensor.apply(new SensorConfig(30, 8, 4, 2))).contains(Duration.ofSeconds(10));
        assertThat(sensor.reportInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(sensor.apply(new SensorConfig(60, 8, 4, 2))).isEmpty();
        assertThat(sensor.apply(new SensorConfig(5, 8, 4, 1))).isEmpty();
        assertThat(sensor.reportInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(sensor.apply(new SensorConfig(30, 6.5, 4, 3))).isEmpty(); // a new limit, the same interval
        assertThat(sensor.config()).contains(new SensorConfig(30, 6.5, 4, 3));
    }

    @Test
    void aTagBehavesTheSameOnEveryRunAndDifferentlyFromAnother() {
        List<SensorReading> first = take(new SimulatedSensor("tag-1", SensorSettings.defaults(), clockAtStart()), 20);
        List<SensorReading> again = take(new SimulatedSensor("tag-1", SensorSettings.defaults(), clockAtStart()), 20);
        List<SensorReading> other = take(new SimulatedSensor("tag-2", SensorSettings.defaults(), clockAtStart()), 20);

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void badSettingsAndIdsAreRefusedWithTheRule() {
        assertThatThrownBy(() -> new SimulatedSensor("bad/id", SensorSettings.defaults(), clock))
                .hasMessageContaining("sensor id 'bad/id' must be 1 to 64 letters");
        assertThatThrownBy(() -> SensorSettings.defaults().withTemperature(90, false))
                .hasMessage("sensor temperature must be from -40 to 85 °C, was 90.0");
        assertThatThrownBy(() -> SensorSettings.defaults().withBattery(-1)).hasMessageContaining("from 0 to 100");
        assertThatThrownBy(() -> SensorSettings.defaults().withReportInterval(Duration.ZERO)).hasMessageContaining("report interval");
        assertThatThrownBy(() -> SensorSettings.defaults().withBufferCapacity(0)).hasMessageContaining("buffer capacity");
    }

    private static MutableClock clockAtStart() {
        return new MutableClock(Instant.parse("2026-12-02T10:15:30Z"));
    }

    private List<SensorReading> take(SimulatedSensor sensor, int count) {
        List<SensorReading> readings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            readings.add(sensor.reading());
            clock.advance(Duration.ofSeconds(10));
        }
        return readings;
    }
}
