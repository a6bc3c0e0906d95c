package dev.dispatch.iot.model;

import java.time.Instant;
import java.util.UUID;

/**
 * One reading of a cargo sensor, validated: its time (the sensor's clock, or when it was received if the sensor sent
 * none), when it arrived, the four measurements, and the order the sensor's courier was delivering then (null: none,
 * or not bound yet).
 */
public record SensorReading(String sensorId, Instant sensorTime, Instant receivedAt, double temperatureC, double humidityPercent,
        double shockG, double batteryPercent, UUID orderId) {

    public SensorReading boundTo(UUID order) {
        return new SensorReading(sensorId, sensorTime, receivedAt, temperatureC, humidityPercent, shockG, batteryPercent, order);
    }
}
