package dev.dispatch.iot.model;

/**
 * What a sensor reading decides: an alert of a kind, with the value that crossed the limit. courierDeviceId and
 * binding are null when not known (no courier, or the courier delivers nothing).
 */
public record SensorAlert(Kind kind, String sensorId, String courierDeviceId, Binding binding, SensorReading reading, double value,
        double limit) {

    public enum Kind {
        /** Above the lower of the sensor's maxTemperatureC and the bound order's maxCargoTemperatureC. */
        TEMPERATURE,
        /** Above the sensor's maxShockG. */
        SHOCK,
        /** Below the low-battery threshold. */
        BATTERY
    }
}
