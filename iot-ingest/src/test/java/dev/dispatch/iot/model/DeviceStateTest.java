package dev.dispatch.iot.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The decisions of one device's state, reading by reading: no Quarkus, no database, no broker. */
class DeviceStateTest {

    private static final IngestRules RULES = new IngestRules(Duration.ofSeconds(5), 3, 15, 5);
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    private final Binding binding = binding(8.0);

    @Test
    void aRegisteringDeviceIsOnlineAndSeenNow() {
        DeviceState device = DeviceState.registering("courier-1", T0);

        Device snapshot = device.snapshot(binding);
        assertThat(snapshot.status()).isEqualTo(DeviceStatus.ONLINE);
        assertThat(snapshot.registeredAt()).isEqualTo(T0);
        assertThat(snapshot.lastSeenAt()).isEqualTo(T0);
        assertThat(snapshot.latest()).isNull();
        assertThat(snapshot.binding()).isEqualTo(binding);
    }

    @Test
    void comingBackOnlineIsNoticedOnceAndRefreshesLastSeen() {
        DeviceState device = new DeviceState("courier-1", DeviceStatus.OFFLINE, T0, T0, null);

        assertThat(device.presence(DeviceStatus.ONLINE, T0.plusSeconds(10), binding).cameOnline()).isTrue();
        assertThat(device.presence(DeviceStatus.ONLINE, T0.plusSeconds(20), binding).cameOnline()).isFalse();
        assertThat(device.status()).isEqualTo(DeviceStatus.ONLINE);
        assertThat(device.snapshot(null).lastSeenAt()).isEqualTo(T0.plusSeconds(20));
    }

    @Test
    void aBoundDeviceGoingOfflineAlertsOncePerEpisodeWithWhenItWasLastSeen() {
        DeviceState device = DeviceState.registering("courier-1", T0);

        PresenceChange offline = device.presence(DeviceStatus.OFFLINE, T0.plusSeconds(60), binding);
        assertThat(offline.cameOnline()).isFalse();
        assertThat(offline.decisions()).containsExactly(new Decision.OfflineAlert(binding, "courier-1", T0));
        assertThat(device.status()).isEqualTo(DeviceStatus.OFFLINE);
        assertThat(device.snapshot(null).lastSeenAt()).as("offline does not count as seen").isEqualTo(T0);

        assertThat(device.presence(DeviceStatus.OFFLINE, T0.plusSeconds(70), binding).decisions()).as("the retained will again").isEmpty();
        device.presence(DeviceStatus.ONLINE, T0.plusSeconds(80), binding);
        assertThat(device.presence(DeviceStatus.OFFLINE, T0.plusSeconds(90), binding).decisions()).hasSize(1);
    }

    @Test
    void anUnboundDeviceGoingOfflineIsNoAlertAndEndsTheEpisodeAllTheSame() {
        DeviceState device = DeviceState.registering("courier-1", T0);

        assertThat(device.presence(DeviceStatus.OFFLINE, T0.plusSeconds(1), null).decisions()).isEmpty();
        assertThat(device.presence(DeviceStatus.OFFLINE, T0.plusSeconds(2), binding).decisions()).as("same episode").isEmpty();
    }

    @Test
    void aDeviceOfflineBeforeARestartIsTakenAsAlertedAlready() {
        DeviceState device = new DeviceState("courier-1", DeviceStatus.OFFLINE, T0, T0, null);

        assertThat(device.presence(DeviceStatus.OFFLINE, T0.plusSeconds(1), binding).decisions()).isEmpty();
    }

    @Test
    void theFirstReadingOfABindingGivesProgressWithTheDistanceThenAtMostOnePerWindow() {
        DeviceState device = DeviceState.registering("courier-1", T0);

        List<Decision> first = device.decide(reading(0, 0, 52.5421, 5, 80), binding, RULES);
        assertThat(first).singleElement().isInstanceOfSatisfying(Decision.Progress.class, p -> {
            assertThat(p.binding()).isEqualTo(binding);
            assertThat(p.distanceMeters()).isBetween(1105.0, 1120.0); // 0.01° of latitude
        });
        assertThat(device.decide(reading(1, 4, 52.54, 5, 80), binding, RULES)).as("inside the window").isEmpty();
        assertThat(device.decide(reading(2, 5, 52.53, 5, 80), binding, RULES)).as("window over (by arrival)")
                .singleElement().isInstanceOf(Decision.Progress.class);
    }

    @Test
    void aNewBindingStartsItsOwnProgressWindowAndTemperatureCount() {
        DeviceState device = DeviceState.registering("courier-1", T0);
        device.decide(reading(0, 0, 52.5, 9, 80), binding, RULES);
        device.decide(reading(1, 1, 52.5, 9, 80), binding, RULES);
        device.decide(reading(2, 2, 52.5, 9, 80), binding, RULES);

        Binding next = binding(8.0);
        List<Decision> decisions = device.decide(reading(3, 3, 52.5, 9, 80), next, RULES);
        assertThat(decisions).as("progress at once; the 4th warm reading is only the 1st of this order")
                .singleElement().isInstanceOf(Decision.Progress.class);
    }

    @Test
    void aReadingNotNewerThanOneDecidedOnDecidesNothing() {
        DeviceState device = DeviceState.registering("courier-1", T0);
        device.decide(reading(10, 0, 52.5, 5, 10), null, RULES);

        assertThat(device.decide(reading(10, 10, 52.5, 5, 10), binding, RULES)).as("the same reading redelivered").isEmpty();
        assertThat(device.decide(reading(5, 10, 52.5, 5, 10), binding, RULES)).as("an older one").isEmpty();
    }

    @Test
    void aRestoredDeviceDecidesOnlyOnReadingsNewerThanItsLatest() {
        Reading stored = reading(10, 0, 52.5, 5, 80);
        DeviceState device = new DeviceState("courier-1", DeviceStatus.ONLINE, T0, T0, stored);

        assertThat(device.decide(reading(10, 20, 52.5, 5, 80), binding, RULES)).isEmpty();
        assertThat(device.decide(reading(11, 20, 52.5, 5, 80), binding, RULES)).hasSize(1);
    }

    @Test
    void temperatureAboveTheLimitAlertsAtTheFirstReadingBeyondTheToleratedOnesOncePerEpisode() {
        DeviceState device = DeviceState.registering("courier-1", T0);
        double[] temperatures = {9, 9.5, 10, 11, 12, 8, 9, 9, 9, 9};
        int[] alertsAt = new int[temperatures.length];
        for (int i = 0; i < temperatures.length; i++) {
            for (Decision d : device.decide(reading(i, 0, 52.5, temperatures[i], 80), binding, RULES)) {
                if (d instanceof Decision.TemperatureAlert alert) {
                    alertsAt[i] = alert.consecutiveReadings();
                    assertThat(alert.reading().cargoTemperatureC()).isEqualTo(temperatures[i]);
                }
            }
        }
        // The 4th in a row (11 °C) alerts; 12 is the same episode; 8 (at the limit) ends it; four more above alert again.
        assertThat(alertsAt).containsExactly(0, 0, 0, 4, 0, 0, 0, 0, 0, 4);
    }

    @Test
    void anOrderWithoutATemperatureLimitNeverAlertsOnTemperature() {
        DeviceState device = DeviceState.registering("courier-1", T0);
        Binding noLimit = binding(null);

        for (int i = 0; i < 6; i++) {
            assertThat(device.decide(reading(i, 0, 52.5, 40, 80), noLimit, RULES)).noneMatch(Decision.TemperatureAlert.class::isInstance);
        }
    }

    @Test
    void batteryLowAlertsOnceAndReArmsOnlyAboveThresholdPlusHysteresis() {
        DeviceState device = DeviceState.registering("courier-1", T0);
        double[] battery = {16, 14, 12, 18, 13, 20, 10, 21, 10};
        boolean[] alerted = new boolean[battery.length];
        for (int i = 0; i < battery.length; i++) {
            alerted[i] = device.decide(reading(i, 0, 52.5, 5, battery[i]), null, RULES).stream()
                    .anyMatch(d -> d instanceof Decision.BatteryAlert b && b.binding() == null && b.thresholdPercent() == 15);
        }
        // 14 alerts; 18 and 20 are not above 15 + 5, so 13 and 10 are the same episode; 21 re-arms, 10 alerts again.
        assertThat(alerted).containsExactly(false, true, false, false, false, false, false, false, true);
    }

    @Test
    void oneReadingCanDecideProgressTemperatureAndBatteryInThatOrder() {
        DeviceState device = DeviceState.registering("courier-1", T0);
        Binding tolerant = binding(8.0);
        IngestRules noTolerance = new IngestRules(Duration.ofSeconds(5), 0, 15, 5);

        assertThat(device.decide(reading(0, 0, 52.5, 9, 10), tolerant, noTolerance)).hasExactlyElementsOfTypes(
                Decision.Progress.class, Decision.TemperatureAlert.class, Decision.BatteryAlert.class);
    }

    @Test
    void aCommittedReadingBecomesTheLatestUnlessANewerOneIsAlready() {
        DeviceState device = DeviceState.registering("courier-1", T0);
        Reading newer = reading(20, 30, 52.5, 5, 80);
        Reading older = reading(10, 40, 52.5, 5, 80);

        device.committed(newer);
        device.committed(older);

        assertThat(device.latest()).isEqualTo(newer);
        assertThat(device.snapshot(null).lastSeenAt()).as("seen when the older one arrived").isEqualTo(T0.plusSeconds(40));
    }

    @Test
    void deliveriesAreRememberedOnceAndOnlyTheLastSixteen() {
        DeviceState device = DeviceState.registering("courier-1", T0);
        UUID first = UUID.randomUUID();

        assertThat(device.rememberDelivery(first)).isTrue();
        assertThat(device.rememberDelivery(first)).isFalse();
        assertThat(device.deliveredAlready(first)).isTrue();
        for (int i = 0; i < 16; i++) {
            device.rememberDelivery(UUID.randomUUID());
        }
        assertThat(device.deliveredAlready(first)).isFalse();
    }

    @Test
    void aProvisionedDeviceIsOfflineUnseenAndComesOnlineAsAnyOther() {
        DeviceState device = DeviceState.provisioned("courier-1", T0);

        Device snapshot = device.snapshot(null);
        assertThat(snapshot.status()).isEqualTo(DeviceStatus.OFFLINE);
        assertThat(snapshot.presence()).isEqualTo(CourierPresence.OFFLINE);
        assertThat(snapshot.lastSeenAt()).isNull();
        // Offline as announced: nothing to say until it comes online.
        assertThat(device.presenceChange(null, T0)).isNull();
        PresenceChange online = device.presence(DeviceStatus.ONLINE, T0.plusSeconds(5), null);
        assertThat(online.cameOnline()).isTrue();
        assertThat(online.presence().presence()).isEqualTo(CourierPresence.AVAILABLE);
    }

    @Test
    void credentialsFollowTheNewestChangeNotTheLastToArrive() {
        DeviceState device = DeviceState.provisioned("courier-1", T0);
        assertThat(device.snapshot(null).credentialsActive()).isFalse();

        device.credentials(true, 1);
        assertThat(device.snapshot(null).credentialsActive()).isTrue();
        device.credentials(true, 3);
        device.credentials(false, 2); // a revocation that committed before the second issue, arriving late
        assertThat(device.snapshot(null).credentialsActive()).isTrue();
        device.credentials(false, 4);
        assertThat(device.snapshot(null).credentialsActive()).isFalse();
    }

    private static Binding binding(Double maxCargoTemperatureC) {
        return new Binding(UUID.randomUUID(), "courier-1", "alice", 52.5321, 13.3849, maxCargoTemperatureC);
    }

    /** A reading taken at T0 + deviceSecond, arrived at T0 + arrivalSecond, at the destination's longitude. */
    private static Reading reading(int deviceSecond, int arrivalSecond, double latitude, double temperature, double battery) {
        return new Reading("courier-1", T0.plusSeconds(deviceSecond), T0.plusSeconds(arrivalSecond), latitude, 13.3849, temperature,
                battery);
    }
}
