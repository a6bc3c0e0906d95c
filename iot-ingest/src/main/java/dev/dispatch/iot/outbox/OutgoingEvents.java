package dev.dispatch.iot.mapping;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dispatch.iot.messaging.CloudEvent;
import dev.dispatch.iot.messaging.EventData;
import dev.dispatch.iot.repository.NewEvent;
import dev.dispatch.iot.service.Binding;
import dev.dispatch.iot.service.DeviceEvent;
import dev.dispatch.iot.service.Reading;

/** Builds the CloudEvents iot-ingest publishes (types, subjects, data as in the README) as outbox entries. */
public final class OutgoingEvents {

    public static final String DELIVERY_EVENTS = "delivery-events";
    public static final String DEVICE_ALERTS = "device-alerts";
    public static final String PROGRESS = "dispatch.delivery.progress";
    public static final String COMPLETED = "dispatch.delivery.completed";
    public static final String TEMPERATURE = "dispatch.device.alert.temperature";
    public static final String BATTERY = "dispatch.device.alert.battery";
    public static final String OFFLINE = "dispatch.device.alert.offline";

    private static final ObjectMapper JSON = new ObjectMapper();

    private OutgoingEvents() {
    }

    public static NewEvent progress(Binding binding, Reading reading, double distanceMeters) {
        return event(UUID.randomUUID(), DELIVERY_EVENTS, PROGRESS, binding.orderId().toString(), new EventData.DeliveryProgress(
                EventData.SCHEMA_VERSION, binding.orderId().toString(), binding.customerId(), reading.deviceId(), reading.latitude(),
                reading.longitude(), Math.round(distanceMeters), reading.cargoTemperatureC(), reading.batteryPercent(),
                time(reading.deviceTime())));
    }

    /** Its id follows from the device's event id: a re-sent delivered event can only ever mean this one CloudEvent. */
    public static NewEvent completed(Binding binding, DeviceEvent delivered) {
        return event(completedEventId(delivered), DELIVERY_EVENTS, COMPLETED, binding.orderId().toString(),
                new EventData.DeliveryCompleted(EventData.SCHEMA_VERSION, binding.orderId().toString(), binding.customerId(),
                        delivered.deviceId(), delivered.latitude(), delivered.longitude(), time(delivered.deviceTime())));
    }

    public static UUID completedEventId(DeviceEvent delivered) {
        return UUID.nameUUIDFromBytes((COMPLETED + ":" + delivered.deviceId() + ":" + delivered.eventId()).getBytes(StandardCharsets.UTF_8));
    }

    public static NewEvent temperature(Binding binding, Reading reading, int consecutiveReadings) {
        return event(UUID.randomUUID(), DEVICE_ALERTS, TEMPERATURE, reading.deviceId(), new EventData.TemperatureAlert(
                EventData.SCHEMA_VERSION, reading.deviceId(), binding.orderId().toString(), binding.customerId(),
                reading.cargoTemperatureC(), binding.maxCargoTemperatureC(), consecutiveReadings));
    }

    public static NewEvent battery(Binding bindingOrNull, Reading reading, double thresholdPercent) {
        return event(UUID.randomUUID(), DEVICE_ALERTS, BATTERY, reading.deviceId(), new EventData.BatteryAlert(
                EventData.SCHEMA_VERSION, reading.deviceId(),
                bindingOrNull == null ? null : bindingOrNull.orderId().toString(),
                bindingOrNull == null ? null : bindingOrNull.customerId(),
                reading.batteryPercent(), thresholdPercent));
    }

    public static NewEvent offline(Binding binding, String deviceId, Instant lastSeenAt) {
        return event(UUID.randomUUID(), DEVICE_ALERTS, OFFLINE, deviceId, new EventData.OfflineAlert(EventData.SCHEMA_VERSION,
                deviceId, binding.orderId().toString(), binding.customerId(), lastSeenAt == null ? null : time(lastSeenAt)));
    }

    private static NewEvent event(UUID id, String address, String type, String subject, Object data) {
        CloudEvent<Object> event = new CloudEvent<>(CloudEvent.SPEC_VERSION, id.toString(), CloudEvent.SOURCE, type, subject,
                time(Instant.now()), CloudEvent.DATA_CONTENT_TYPE, data);
        try {
            return new NewEvent(id, address, subject, type, JSON.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event " + type, e);
        }
    }

    // Microseconds at most: what PostgreSQL keeps, and what RFC 3339 readers expect.
    static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).toString();
    }
}
