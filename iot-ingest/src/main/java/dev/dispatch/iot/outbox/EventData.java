package dev.dispatch.iot.outbox;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The data of each event type iot-ingest publishes. Bump {@link #SCHEMA_VERSION} (and add the new schema to
 * contracts/events) for any change that is not a new optional field.
 */
public final class EventData {

    public static final int SCHEMA_VERSION = 1;

    private EventData() {
    }

    public record DeliveryProgress(int schemaVersion, String orderId, String customerId, String deviceId, double latitude,
            double longitude, long distanceMeters, double cargoTemperatureC, double batteryPercent, String deviceTime) {
    }

    public record DeliveryCompleted(int schemaVersion, String orderId, String customerId, String deviceId, double latitude,
            double longitude, String deliveredAt) {
    }

    public record TemperatureAlert(int schemaVersion, String deviceId, String orderId, String customerId, double temperatureC,
            double limitC, int consecutiveReadings) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BatteryAlert(int schemaVersion, String deviceId, String orderId, String customerId, double batteryPercent,
            double thresholdPercent) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OfflineAlert(int schemaVersion, String deviceId, String orderId, String customerId, String lastSeenAt) {
    }

    /** A cargo sensor's alert (contracts/events/sensor-alert.v1.json); courierDeviceId, orderId and customerId only when known. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SensorAlert(int schemaVersion, String sensorId, String courierDeviceId, String orderId, String customerId, double value,
            double limit, String readingTime) {
    }

    /** A courier's presence changed (contracts/events/courier-presence.v1.json); orderId only when away. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CourierPresence(int schemaVersion, String deviceId, String presence, String orderId, String since) {
    }
}
