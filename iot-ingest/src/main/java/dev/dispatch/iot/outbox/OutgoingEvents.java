package dev.dispatch.iot.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dispatch.iot.model.Binding;
import dev.dispatch.iot.model.Decision;
import dev.dispatch.iot.model.DeviceEvent;
import dev.dispatch.iot.model.PresenceChanged;
import dev.dispatch.iot.model.Reading;
import dev.dispatch.iot.model.SensorAlert;
import dev.dispatch.platform.cloudevents.CloudEvent;
import dev.dispatch.platform.cloudevents.TraceContext;
import dev.dispatch.platform.outbox.OutboxEvent;

/**
 * Builds the CloudEvents iot-ingest publishes (types, subjects, data as in the README and
 * {@code contracts/events/delivery-event.v1.json}, {@code device-alert.v1.json}, {@code courier-presence.v1.json}) as outbox entries: the aggregate is
 * the event's subject (the order for delivery events, the device for alerts), with no version.
 */
public final class OutgoingEvents {

    /** The CloudEvents source of everything iot-ingest publishes. */
    public static final String SOURCE = "/iot-ingest";
    public static final String DELIVERY_EVENTS = "delivery-events";
    public static final String DEVICE_ALERTS = "device-alerts";
    public static final String COURIER_PRESENCE = "courier-presence";
    public static final String PROGRESS = "dispatch.delivery.progress";
    public static final String COMPLETED = "dispatch.delivery.completed";
    public static final String TEMPERATURE = "dispatch.device.alert.temperature";
    public static final String BATTERY = "dispatch.device.alert.battery";
    public static final String OFFLINE = "dispatch.device.alert.offline";
    public static final String SENSOR_TEMPERATURE = "dispatch.sensor.alert.temperature";
    public static final String SENSOR_SHOCK = "dispatch.sensor.alert.shock";
    public static final String SENSOR_BATTERY = "dispatch.sensor.alert.battery";
    public static final String PRESENCE_CHANGED = "dispatch.courier.presence.changed";

    private static final ObjectMapper JSON = new ObjectMapper();

    private OutgoingEvents() {
    }

    /** The event a decision announces. */
    public static OutboxEvent of(Decision decision) {
        if (decision instanceof Decision.Progress p) {
            return progress(p.binding(), p.reading(), p.distanceMeters());
        }
        if (decision instanceof Decision.TemperatureAlert t) {
            return temperature(t.binding(), t.reading(), t.consecutiveReadings());
        }
        if (decision instanceof Decision.BatteryAlert b) {
            return battery(b.binding(), b.reading(), b.thresholdPercent());
        }
        if (decision instanceof Decision.OfflineAlert o) {
            return offline(o.binding(), o.deviceId(), o.lastSeenAt());
        }
        throw new IllegalArgumentException("no event for " + decision);
    }

    /** A cargo sensor's alert on device-alerts, subject = the sensor id (contracts/events/sensor-alert.v1.json). */
    public static OutboxEvent of(SensorAlert alert) {
        String type = switch (alert.kind()) {
            case TEMPERATURE -> SENSOR_TEMPERATURE;
            case SHOCK -> SENSOR_SHOCK;
            case BATTERY -> SENSOR_BATTERY;
        };
        // The order and its customer together or not at all (a binding from before customers were recorded has none).
        boolean order = alert.binding() != null && alert.binding().customerId() != null;
        return event(UUID.randomUUID(), DEVICE_ALERTS, type, alert.sensorId(), new EventData.SensorAlert(EventData.SCHEMA_VERSION,
                alert.sensorId(), alert.courierDeviceId(),
                order ? alert.binding().orderId().toString() : null,
                order ? alert.binding().customerId() : null,
                alert.value(), alert.limit(), time(alert.reading().sensorTime())));
    }

    /** A courier's presence on courier-presence, subject = the device id (contracts/events/courier-presence.v1.json). */
    public static OutboxEvent of(PresenceChanged change) {
        return of(change, TraceContext.current());
    }

    /** As {@link #of(PresenceChanged)}, in the given trace (null: none). */
    public static OutboxEvent of(PresenceChanged change, TraceContext trace) {
        return event(UUID.randomUUID(), COURIER_PRESENCE, PRESENCE_CHANGED, change.deviceId(), new EventData.CourierPresence(
                EventData.SCHEMA_VERSION, change.deviceId(), change.presence().wireName(),
                change.orderId() == null ? null : change.orderId().toString(), time(change.since())), trace);
    }

    private static OutboxEvent progress(Binding binding, Reading reading, double distanceMeters) {
        return event(UUID.randomUUID(), DELIVERY_EVENTS, PROGRESS, binding.orderId().toString(), new EventData.DeliveryProgress(
                EventData.SCHEMA_VERSION, binding.orderId().toString(), binding.customerId(), reading.deviceId(), reading.latitude(),
                reading.longitude(), Math.round(distanceMeters), reading.cargoTemperatureC(), reading.batteryPercent(),
                time(reading.deviceTime())));
    }

    /** Its id follows from the device's event id: a re-sent delivered event can only ever mean this one CloudEvent. */
    public static OutboxEvent completed(Binding binding, DeviceEvent delivered) {
        return completed(binding, delivered, TraceContext.current());
    }

    /** As {@link #completed(Binding, DeviceEvent)}, in the trace of the device event that delivered it (null: none). */
    public static OutboxEvent completed(Binding binding, DeviceEvent delivered, TraceContext trace) {
        return event(completedEventId(delivered), DELIVERY_EVENTS, COMPLETED, binding.orderId().toString(),
                new EventData.DeliveryCompleted(EventData.SCHEMA_VERSION, binding.orderId().toString(), binding.customerId(),
                        delivered.deviceId(), delivered.latitude(), delivered.longitude(), time(delivered.deviceTime())), trace);
    }

    public static UUID completedEventId(DeviceEvent delivered) {
        return UUID.nameUUIDFromBytes((COMPLETED + ":" + delivered.deviceId() + ":" + delivered.eventId()).getBytes(StandardCharsets.UTF_8));
    }

    private static OutboxEvent temperature(Binding binding, Reading reading, int consecutiveReadings) {
        return event(UUID.randomUUID(), DEVICE_ALERTS, TEMPERATURE, reading.deviceId(), new EventData.TemperatureAlert(
                EventData.SCHEMA_VERSION, reading.deviceId(), binding.orderId().toString(), binding.customerId(),
                reading.cargoTemperatureC(), binding.maxCargoTemperatureC(), consecutiveReadings));
    }

    private static OutboxEvent battery(Binding bindingOrNull, Reading reading, double thresholdPercent) {
        return event(UUID.randomUUID(), DEVICE_ALERTS, BATTERY, reading.deviceId(), new EventData.BatteryAlert(
                EventData.SCHEMA_VERSION, reading.deviceId(),
                bindingOrNull == null ? null : bindingOrNull.orderId().toString(),
                bindingOrNull == null ? null : bindingOrNull.customerId(),
                reading.batteryPercent(), thresholdPercent));
    }

    private static OutboxEvent offline(Binding binding, String deviceId, Instant lastSeenAt) {
        return event(UUID.randomUUID(), DEVICE_ALERTS, OFFLINE, deviceId, new EventData.OfflineAlert(EventData.SCHEMA_VERSION,
                deviceId, binding.orderId().toString(), binding.customerId(), lastSeenAt == null ? null : time(lastSeenAt)));
    }

    private static OutboxEvent event(UUID id, String address, String type, String subject, Object data) {
        return event(id, address, type, subject, data, TraceContext.current());
    }

    /**
     * The event in the given trace: in its CloudEvent (for its consumers) and its outbox row (for the relay's span).
     * Explicit, because a batch decides on the database client's event loop, where no span is current.
     */
    private static OutboxEvent event(UUID id, String address, String type, String subject, Object data, TraceContext trace) {
        CloudEvent<Object> event = new CloudEvent<>(CloudEvent.SPEC_VERSION, id.toString(), SOURCE, type, subject, time(Instant.now()),
                CloudEvent.DATA_CONTENT_TYPE, data, trace == null ? null : trace.traceparent(), trace == null ? null : trace.tracestate());
        try {
            return new OutboxEvent(id, address, subject, null, type, JSON.writeValueAsString(event), trace);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event " + type, e);
        }
    }

    // Microseconds at most: what PostgreSQL keeps, and what RFC 3339 readers expect.
    static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).toString();
    }
}
