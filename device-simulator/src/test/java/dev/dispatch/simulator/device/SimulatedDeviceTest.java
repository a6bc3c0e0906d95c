package dev.dispatch.simulator.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.dispatch.simulator.contract.Delivered;
import dev.dispatch.simulator.contract.DeviceEvent;
import dev.dispatch.simulator.contract.Telemetry;
import dev.dispatch.simulator.geo.GeoPoint;
import dev.dispatch.simulator.geo.RouteShape;
import dev.dispatch.simulator.support.MutableClock;

class SimulatedDeviceTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final GeoPoint START = new GeoPoint(52.5219, 13.4132);

    private final MutableClock clock = new MutableClock(T0);

    @Test
    void anIdleDeviceReportsWhereItStandsWithItsSettings() {
        SimulatedDevice device = device(DeviceSettings.defaults().withStart(START).withBattery(77, 0).withCargoTemperature(5, 0));

        device.advance();
        Telemetry reading = device.reading();

        assertThat(reading.deviceId()).isEqualTo("courier-1");
        assertThat(reading.deviceTime()).isEqualTo("2026-11-25T10:00:00Z");
        assertThat(reading.latitude()).isEqualTo(START.latitude());
        assertThat(reading.longitude()).isEqualTo(START.longitude());
        assertThat(reading.batteryPercent()).isEqualTo(77.0);
        assertThat(reading.cargoTemperatureC()).isCloseTo(5.0, within(0.06));
    }

    @Test
    void theBatteryDrainsAndTheCargoWarmsByTheMinuteWithinTheContractRanges() {
        SimulatedDevice device = device(DeviceSettings.defaults().withBattery(10, 2).withCargoTemperature(4, 1.5));

        clock.advance(Duration.ofMinutes(3));
        device.advance();
        assertThat(device.batteryPercent()).isCloseTo(4.0, within(1e-9));
        assertThat(device.cargoTemperatureC()).isCloseTo(8.5, within(1e-9));

        clock.advance(Duration.ofHours(2));
        device.advance();
        Telemetry reading = device.reading();
        assertThat(reading.batteryPercent()).isZero();
        assertThat(reading.cargoTemperatureC()).isEqualTo(100.0);
    }

    @Test
    void anAssignedDeviceDrivesAtItsSpeedAndDeliversOnceOnArrival() {
        SimulatedDevice device = device(DeviceSettings.defaults().withStart(START).withSpeed(10).withRoute(RouteShape.STRAIGHT, 0));
        GeoPoint destination = START.offset(0, 95);

        AssignResult result = device.assign("order-1", destination);
        assertThat(result.kind()).isEqualTo(AssignResult.Kind.DRIVING);
        assertThat(result.routeMeters()).isCloseTo(95, within(0.01));

        double before = device.position().distanceTo(destination);
        for (int second = 1; second <= 9; second++) {
            clock.advance(Duration.ofSeconds(1));
            assertThat(device.advance()).isEmpty();
            double now = device.position().distanceTo(destination);
            assertThat(before - now).isCloseTo(10, within(0.05));
            before = now;
        }
        assertThat(device.assignment()).hasValueSatisfying(a -> assertThat(a.remainingMeters()).isCloseTo(5, within(0.05)));

        clock.advance(Duration.ofSeconds(1));
        List<DeviceEvent> events = device.advance();

        assertThat(events).extracting(DeviceEvent::type).containsExactly("door-opened", "delivered", "door-closed");
        Delivered delivered = (Delivered) events.get(1);
        assertThat(delivered.orderId()).isEqualTo("order-1");
        assertThat(delivered.latitude()).isEqualTo(destination.latitude());
        assertThat(delivered.longitude()).isEqualTo(destination.longitude());
        assertThat(delivered.deviceTime()).isEqualTo("2026-11-25T10:00:10Z");
        assertThat(events).extracting(DeviceEvent::eventId).doesNotHaveDuplicates();

        // It idles at the destination, says nothing more, and will not deliver the same order twice.
        clock.advance(Duration.ofMinutes(5));
        assertThat(device.advance()).isEmpty();
        assertThat(device.position()).isEqualTo(destination);
        assertThat(device.reading().latitude()).isEqualTo(round6(destination.latitude()));
        assertThat(device.assign("order-1", destination).kind()).isEqualTo(AssignResult.Kind.ALREADY_DELIVERED);
        clock.advance(Duration.ofMinutes(1));
        assertThat(device.advance()).isEmpty();
        assertThat(device.hasDelivered("order-1")).isTrue();
    }

    @Test
    void aLockedBoxDeliversWithoutOpeningItsDoor() {
        SimulatedDevice device = device(DeviceSettings.defaults().withSpeed(100));
        assertThat(device.lockCargo(true)).isTrue();
        assertThat(device.lockCargo(true)).isFalse();

        device.assign("order-2", START.offset(50, 50));
        clock.advance(Duration.ofSeconds(5));

        assertThat(device.advance()).extracting(DeviceEvent::type).containsExactly("delivered");
    }

    @Test
    void aNewAssignmentStartsFromWhereTheDeviceIsAndDropsTheOldOne() {
        SimulatedDevice device = device(DeviceSettings.defaults().withStart(START).withSpeed(10).withRoute(RouteShape.STRAIGHT, 0));
        device.assign("order-a", START.offset(1000, 0));
        clock.advance(Duration.ofSeconds(30));
        device.advance();
        GeoPoint halfway = device.position();

        AssignResult second = device.assign("order-b", START);

        assertThat(second.replacedOrderId()).isEqualTo("order-a");
        assertThat(second.routeMeters()).isCloseTo(300, within(0.5));
        assertThat(device.assignment().orElseThrow().route().start()).isEqualTo(halfway);
        clock.advance(Duration.ofSeconds(31));
        assertThat(device.advance()).filteredOn(e -> e instanceof Delivered)
                .extracting(e -> ((Delivered) e).orderId()).containsExactly("order-b");
        assertThat(device.hasDelivered("order-a")).isFalse();
    }

    @Test
    void readingsWhileDrivingCarryBoundedNoiseAndStayOnTheRoute() {
        SimulatedDevice device = device(DeviceSettings.defaults().withStart(START).withSpeed(5).withRoute(RouteShape.STREETS, 3));
        GeoPoint destination = START.offset(2000, 2000);
        device.assign("order-3", destination);
        for (int i = 0; i < 50; i++) {
            clock.advance(Duration.ofSeconds(2));
            device.advance();
            Telemetry reading = device.reading();
            GeoPoint reported = new GeoPoint(reading.latitude(), reading.longitude());
            assertThat(reported.distanceTo(device.position())).isLessThanOrEqualTo(3 * Math.sqrt(2) + 0.2);
            // Still on the first street: north from the start.
            assertThat(device.position().longitude()).isEqualTo(START.longitude());
        }
    }

    @Test
    void settingsOutOfRangeAreRefusedWithTheReason() {
        DeviceSettings ok = DeviceSettings.defaults();
        assertThatThrownBy(() -> ok.withSpeed(0)).hasMessageContaining("speed must be above 0");
        assertThatThrownBy(() -> ok.withReportInterval(Duration.ofMillis(5))).hasMessageContaining("report interval");
        assertThatThrownBy(() -> ok.withCargoTemperature(120, 0)).hasMessageContaining("cargo temperature must be from -50 to 100");
        assertThatThrownBy(() -> ok.withBattery(101, 0)).hasMessageContaining("battery must be from 0 to 100");
        assertThatThrownBy(() -> ok.withBattery(50, -1)).hasMessageContaining("battery drain");
        assertThatThrownBy(() -> new SimulatedDevice("bad id", ok, clock)).hasMessageContaining("must be 1 to 64 letters");
    }

    private SimulatedDevice device(DeviceSettings settings) {
        return new SimulatedDevice("courier-1", settings, clock, new Random(7), UUID::randomUUID);
    }

    private static double round6(double value) {
        return Math.round(value * 1e6) / 1e6;
    }
}
