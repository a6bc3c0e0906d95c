package dev.dispatch.iot.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.dispatch.iot.model.Binding;
import dev.dispatch.iot.model.CourierPresence;
import dev.dispatch.iot.model.Decision;
import dev.dispatch.iot.model.DeviceEvent;
import dev.dispatch.iot.model.PresenceChanged;
import dev.dispatch.iot.model.Reading;
import dev.dispatch.iot.model.SensorAlert;
import dev.dispatch.iot.model.SensorReading;
import dev.dispatch.platform.outbox.OutboxEvent;
import dev.dispatch.testsupport.contracts.Contracts;
import io.vertx.core.json.JsonObject;

/** Every event iot-ingest can publish, as it is written to the outbox, is valid by its address's contract. */
class OutgoingEventsTest {

    private static final Instant DEVICE_TIME = Instant.parse("2026-11-25T10:15:00.123456789Z");

    private final Binding binding = new Binding(UUID.randomUUID(), "courier-1", "alice", 52.5321, 13.3849, 8.0);
    private final Reading reading = new Reading("courier-1", DEVICE_TIME, DEVICE_TIME.plusSeconds(1), 52.5421, 13.3849, 9.5, 14);

    @Test
    void progressIsADeliveryEventAboutTheOrder() {
        JsonObject event = published(OutgoingEvents.of(new Decision.Progress(binding, reading, 1111.95)), "delivery-events",
                "dispatch.delivery.progress", binding.orderId().toString());

        assertThat(event.getJsonObject("data").getMap()).containsEntry("distanceMeters", 1112).containsEntry("customerId", "alice")
                .containsEntry("deviceTime", "2026-11-25T10:15:00.123456Z"); // microseconds, as stored
    }

    @Test
    void completionHasAnIdThatFollowsFromTheDevicesEvent() {
        UUID deliveredId = UUID.randomUUID();
        DeviceEvent delivered = new DeviceEvent(deliveredId, "courier-1", DeviceEvent.DELIVERED, DEVICE_TIME, binding.orderId(), 52.5321,
                13.3849, null, null, null);

        OutboxEvent completed = OutgoingEvents.completed(binding, delivered);
        JsonObject event = published(completed, "delivery-events", "dispatch.delivery.completed", binding.orderId().toString());

        assertThat(completed.id()).isEqualTo(UUID.nameUUIDFromBytes(("dispatch.delivery.completed:courier-1:" + deliveredId)
                .getBytes(StandardCharsets.UTF_8))).isEqualTo(OutgoingEvents.completed(binding, delivered).id());
        assertThat(event.getJsonObject("data").getString("deliveredAt")).isEqualTo("2026-11-25T10:15:00.123456Z");
    }

    @Test
    void alertsAreAboutTheDevice() {
        JsonObject temperature = published(OutgoingEvents.of(new Decision.TemperatureAlert(binding, reading, 4)), "device-alerts",
                "dispatch.device.alert.temperature", "courier-1");
        assertThat(temperature.getJsonObject("data").getMap()).containsEntry("limitC", 8.0).containsEntry("consecutiveReadings", 4);

        JsonObject bound = published(OutgoingEvents.of(new Decision.BatteryAlert(binding, reading, 15)), "device-alerts",
                "dispatch.device.alert.battery", "courier-1");
        assertThat(bound.getJsonObject("data").getString("orderId")).isEqualTo(binding.orderId().toString());
        JsonObject unbound = published(OutgoingEvents.of(new Decision.BatteryAlert(null, reading, 15)), "device-alerts",
                "dispatch.device.alert.battery", "courier-1");
        assertThat(unbound.getJsonObject("data").fieldNames()).doesNotContain("orderId", "customerId");

        JsonObject offline = published(OutgoingEvents.of(new Decision.OfflineAlert(binding, "courier-1", DEVICE_TIME)), "device-alerts",
                "dispatch.device.alert.offline", "courier-1");
        assertThat(offline.getJsonObject("data").getString("lastSeenAt")).isEqualTo("2026-11-25T10:15:00.123456Z");
    }

    @Test
    void sensorAlertsAreAboutTheSensorWithTheCourierAndOrderWhenKnown() {
        SensorReading sensorReading = new SensorReading("tag-1", DEVICE_TIME, DEVICE_TIME.plusSeconds(1), 9.5, 60, 5.5, 12,
                binding.orderId());

        JsonObject temperature = published(OutgoingEvents.of(new SensorAlert(SensorAlert.Kind.TEMPERATURE, "tag-1", "courier-1", binding,
                sensorReading, 9.5, 8.0)), "device-alerts", "dispatch.sensor.alert.temperature", "tag-1");
        assertThat(temperature.getJsonObject("data").getMap()).containsEntry("schemaVersion", 1).containsEntry("sensorId", "tag-1")
                .containsEntry("courierDeviceId", "courier-1").containsEntry("orderId", binding.orderId().toString())
                .containsEntry("customerId", "alice").containsEntry("value", 9.5).containsEntry("limit", 8.0)
                .containsEntry("readingTime", "2026-11-25T10:15:00.123456Z");

        JsonObject shock = published(OutgoingEvents.of(new SensorAlert(SensorAlert.Kind.SHOCK, "tag-1", null, null, sensorReading, 5.5, 4.0)),
                "device-alerts", "dispatch.sensor.alert.shock", "tag-1");
        assertThat(shock.getJsonObject("data").fieldNames()).doesNotContain("courierDeviceId", "orderId", "customerId");

        // A binding from before customers were recorded: neither the order nor the customer, as they only go together.
        Binding noCustomer = new Binding(UUID.randomUUID(), "courier-1", null, 52.5, 13.4, null);
        JsonObject battery = published(OutgoingEvents.of(new SensorAlert(SensorAlert.Kind.BATTERY, "tag-1", "courier-1", noCustomer,
                sensorReading, 12, 15)), "device-alerts", "dispatch.sensor.alert.battery", "tag-1");
        assertThat(battery.getJsonObject("data").fieldNames()).contains("courierDeviceId").doesNotContain("orderId", "customerId");
    }

    @Test
    void presenceIsAboutTheCourierWithTheOrderOnlyWhenAway() {
        JsonObject away = published(OutgoingEvents.of(new PresenceChanged("courier-1", CourierPresence.AWAY, binding.orderId(), DEVICE_TIME)),
                "courier-presence", "dispatch.courier.presence.changed", "courier-1");
        assertThat(away.getJsonObject("data").getMap()).containsEntry("schemaVersion", 1).containsEntry("deviceId", "courier-1")
                .containsEntry("presence", "away").containsEntry("orderId", binding.orderId().toString())
                .containsEntry("since", "2026-11-25T10:15:00.123456Z");

        for (CourierPresence free : new CourierPresence[] {CourierPresence.AVAILABLE, CourierPresence.OFFLINE}) {
            JsonObject event = published(OutgoingEvents.of(new PresenceChanged("courier-1", free, null, DEVICE_TIME)), "courier-presence",
                    "dispatch.courier.presence.changed", "courier-1");
            assertThat(event.getJsonObject("data").getString("presence")).isEqualTo(free.wireName());
            assertThat(event.getJsonObject("data").fieldNames()).doesNotContain("orderId");
        }
    }

    @Test
    void everyEventHasItsOwnIdAndNoVersion() {
        OutboxEvent first = OutgoingEvents.of(new Decision.Progress(binding, reading, 10));
        OutboxEvent second = OutgoingEvents.of(new Decision.Progress(binding, reading, 10));

        assertThat(first.id()).isNotEqualTo(second.id());
        assertThat(first.aggregateVersion()).isNull();
    }

    /** Checks the outbox row against the event it carries and the contract; the event. */
    private static JsonObject published(OutboxEvent row, String address, String type, String subject) {
        JsonObject event = new JsonObject(row.body());
        Contracts.assertValidEvent(address, row.body());
        assertThat(row.address()).isEqualTo(address);
        assertThat(row.type()).isEqualTo(type).isEqualTo(event.getString("type"));
        assertThat(row.aggregateId()).isEqualTo(subject).isEqualTo(event.getString("subject"));
        assertThat(row.id().toString()).isEqualTo(event.getString("id"));
        assertThat(event.getString("source")).isEqualTo("/iot-ingest");
        return event;
    }
}
