package dev.dispatch.iot.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The one presence rule, and what a device's state announces as its status and order change. */
class CourierPresenceTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private final Binding order = new Binding(UUID.randomUUID(), "courier-1", "alice", 52.53, 13.38, null);

    @Test
    void offlineIsOfflineOnlineIsAvailableOrAwayByItsOrder() {
        assertThat(CourierPresence.of(DeviceStatus.ONLINE, null)).isEqualTo(CourierPresence.AVAILABLE);
        assertThat(CourierPresence.of(DeviceStatus.ONLINE, order)).isEqualTo(CourierPresence.AWAY);
        assertThat(CourierPresence.of(DeviceStatus.OFFLINE, null)).isEqualTo(CourierPresence.OFFLINE);
        assertThat(CourierPresence.of(DeviceStatus.OFFLINE, order)).isEqualTo(CourierPresence.OFFLINE);
        assertThat(CourierPresence.AWAY.wireName()).isEqualTo("away");
    }

    @Test
    void aRegisteringDeviceAnnouncesItsFirstOnlineAndNotTheSameAgain() {
        DeviceState device = DeviceState.registering("courier-1", T0);

        assertThat(device.presence(DeviceStatus.ONLINE, T0, null).presence())
                .isEqualTo(new PresenceChanged("courier-1", CourierPresence.AVAILABLE, null, T0));
        assertThat(device.presence(DeviceStatus.ONLINE, T0.plusSeconds(5), null).presence()).as("online again").isNull();
        assertThat(device.presence(DeviceStatus.OFFLINE, T0.plusSeconds(9), null).presence().presence()).isEqualTo(CourierPresence.OFFLINE);
        assertThat(device.presence(DeviceStatus.OFFLINE, T0.plusSeconds(9), null).presence()).as("the retained will again").isNull();
    }

    @Test
    void aBindingChangeIsAnnouncedOnlyOnceItIsCommitted() {
        DeviceState device = new DeviceState("courier-1", DeviceStatus.ONLINE, T0, T0, null);

        PresenceChanged away = device.presenceChange(order, T0.plusSeconds(1));
        assertThat(away).isEqualTo(new PresenceChanged("courier-1", CourierPresence.AWAY, order.orderId(), T0.plusSeconds(1)));
        assertThat(device.presenceChange(order, T0.plusSeconds(2))).as("not committed yet: still a change").isNotNull();
        device.announced(away);
        assertThat(device.presenceChange(order, T0.plusSeconds(3))).isNull();

        Binding next = new Binding(UUID.randomUUID(), "courier-1", "bob", 52.5, 13.4, null);
        assertThat(device.presenceChange(next, T0.plusSeconds(4))).as("away with another order")
                .extracting(PresenceChanged::orderId).isEqualTo(next.orderId());
        assertThat(device.presenceChange(null, T0.plusSeconds(5)).presence()).isEqualTo(CourierPresence.AVAILABLE);
    }

    @Test
    void aStoredDeviceCountsItsPresenceAsAnnouncedSoThatARestartSaysNothingNew() {
        DeviceState bound = new DeviceState("courier-1", DeviceStatus.ONLINE, T0, T0, null, order);
        assertThat(bound.presence(DeviceStatus.ONLINE, T0.plusSeconds(1), order).presence()).isNull();

        DeviceState offline = new DeviceState("courier-2", DeviceStatus.OFFLINE, T0, T0, null, null);
        assertThat(offline.presence(DeviceStatus.OFFLINE, T0.plusSeconds(1), null).presence()).isNull();
        assertThat(offline.presence(DeviceStatus.ONLINE, T0.plusSeconds(2), order).presence())
                .isEqualTo(new PresenceChanged("courier-2", CourierPresence.AWAY, order.orderId(), T0.plusSeconds(2)));
    }
}
