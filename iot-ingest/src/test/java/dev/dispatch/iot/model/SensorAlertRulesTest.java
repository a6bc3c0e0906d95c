package dev.dispatch.iot.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** A sensor's alert episodes, reading by reading: pure, from the stored state. */
class SensorAlertRulesTest {

    private static final SensorAlertRules RULES = new SensorAlertRules(15, 20);
    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
    private static final SensorConfig CONFIG = new SensorConfig(300, 8.0, 4.0, 1);

    private SensorEpisodes state = SensorEpisodes.NONE;
    private int second;

    @Test
    void temperatureAboveTheLimitAlertsOncePerEpisode() {
        assertThat(read(null, 8.0, 0, 80)).isEmpty(); // at the limit: fine
        List<SensorAlert> first = read(null, 9.5, 0, 80);
        assertThat(first).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(SensorAlert.Kind.TEMPERATURE);
            assertThat(a.value()).isEqualTo(9.5);
            assertThat(a.limit()).isEqualTo(8.0);
            assertThat(a.courierDeviceId()).isEqualTo("courier-1");
            assertThat(a.binding()).isNull();
        });
        assertThat(read(null, 12, 0, 80)).isEmpty(); // still the same episode
        assertThat(read(null, 8.0, 0, 80)).isEmpty(); // back at the limit: over
        assertThat(read(null, 8.1, 0, 80)).extracting(SensorAlert::kind).containsExactly(SensorAlert.Kind.TEMPERATURE);
    }

    @Test
    void theBoundOrdersLowerLimitWinsAndANewOrderStartsANewEpisode() {
        Binding cold = binding(5.0);
        assertThat(read(cold, 6.0, 0, 80)).singleElement().satisfies(a -> {
            assertThat(a.limit()).isEqualTo(5.0);
            assertThat(a.binding()).isEqualTo(cold);
        });
        assertThat(read(cold, 7.0, 0, 80)).isEmpty();
        // The courier now delivers another order, still too warm: that order's customer hears of it.
        Binding next = binding(null);
        assertThat(read(next, 9.0, 0, 80)).singleElement().satisfies(a -> {
            assertThat(a.limit()).isEqualTo(8.0); // the order sets none: the sensor's own limit
            assertThat(a.binding()).isEqualTo(next);
        });
        // An order whose own limit is higher than the sensor's: the sensor's is the lower.
        assertThat(SensorAlertRules.temperatureLimit(CONFIG, binding(12.0))).isEqualTo(8.0);
    }

    @Test
    void shockAboveTheLimitAlertsOncePerEpisode() {
        assertThat(read(null, 5, 4.0, 80)).isEmpty();
        assertThat(read(null, 5, 4.5, 80)).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(SensorAlert.Kind.SHOCK);
            assertThat(a.value()).isEqualTo(4.5);
            assertThat(a.limit()).isEqualTo(4.0);
        });
        assertThat(read(null, 5, 9, 80)).isEmpty();
        assertThat(read(null, 5, 0.2, 80)).isEmpty();
        assertThat(read(null, 5, 6, 80)).extracting(SensorAlert::kind).containsExactly(SensorAlert.Kind.SHOCK);
    }

    @Test
    void batteryLowAlertsOnceAndAgainOnlyAfterRecoveringAboveTheRearmLevel() {
        assertThat(read(null, 5, 0, 15)).isEmpty(); // at the threshold: not below
        assertThat(read(null, 5, 0, 14.9)).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(SensorAlert.Kind.BATTERY);
            assertThat(a.limit()).isEqualTo(15.0);
        });
        assertThat(read(null, 5, 0, 18)).isEmpty(); // above 15, not above 20: same episode
        assertThat(read(null, 5, 0, 10)).isEmpty();
        assertThat(read(null, 5, 0, 20.5)).isEmpty(); // recovered
        assertThat(read(null, 5, 0, 14)).extracting(SensorAlert::kind).containsExactly(SensorAlert.Kind.BATTERY);
    }

    @Test
    void oneReadingMayRaiseSeveralAlerts() {
        assertThat(read(null, 30, 50, 3)).extracting(SensorAlert::kind)
                .containsExactly(SensorAlert.Kind.TEMPERATURE, SensorAlert.Kind.SHOCK, SensorAlert.Kind.BATTERY);
    }

    @Test
    void aReadingNotNewerThanOneDecidedDecidesNothing() {
        assertThat(read(null, 5, 0, 80)).isEmpty();
        SensorReading old = reading(T0.minusSeconds(60), 30, 50, 3, null);
        SensorAlertRules.Outcome outcome = RULES.decide(state, "courier-1", CONFIG, null, old);
        assertThat(outcome.alerts()).isEmpty();
        assertThat(outcome.episodes()).isSameAs(state);
        SensorReading same = reading(state.newestDecided(), 30, 50, 3, null);
        assertThat(RULES.decide(state, "courier-1", CONFIG, null, same).alerts()).isEmpty();
    }

    @Test
    void theEpisodesAreWhatIsStored() {
        Binding bound = binding(null);
        read(bound, 9, 5, 10);
        assertThat(state).isEqualTo(new SensorEpisodes(true, bound.orderId(), true, true, T0.plusSeconds(1)));
        read(null, 5, 0, 80);
        assertThat(state).isEqualTo(new SensorEpisodes(false, null, false, false, T0.plusSeconds(2)));
    }

    private List<SensorAlert> read(Binding binding, double temperature, double shock, double battery) {
        second++;
        SensorReading reading = reading(T0.plusSeconds(second), temperature, shock, battery, binding == null ? null : binding.orderId());
        SensorAlertRules.Outcome outcome = RULES.decide(state, "courier-1", CONFIG, binding, reading);
        state = outcome.episodes();
        return outcome.alerts();
    }

    private static SensorReading reading(Instant time, double temperature, double shock, double battery, UUID order) {
        return new SensorReading("tag-1", time, time, temperature, 50, shock, battery, order);
    }

    private static Binding binding(Double maxCargoTemperatureC) {
        return new Binding(UUID.randomUUID(), "courier-1", "alice", 52.5, 13.4, maxCargoTemperatureC);
    }
}
