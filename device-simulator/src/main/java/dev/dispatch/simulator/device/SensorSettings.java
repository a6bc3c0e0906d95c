package dev.dispatch.simulator.device;

import java.time.Duration;

/**
 * How a simulated cargo sensor tag behaves until its configuration says otherwise.
 *
 * @param baseTemperatureC the temperature its cargo keeps (a chilled box: 4 °C); readings drift around it
 * @param excursions now and then the cargo warms well above the base for a few readings (a door left open, a
 *                   broken cooler), to provoke temperature alerts; the first one starts at the third reading
 * @param batteryPercent the battery at start
 * @param batteryPerReading how many percentage points each wake-up and send costs
 * @param reportInterval how often it wakes and reports, until its observed configuration changes it
 * @param bufferCapacity how many readings it keeps while it cannot send; the oldest go first
 */
public record SensorSettings(
        double baseTemperatureC,
        boolean excursions,
        double batteryPercent,
        double batteryPerReading,
        Duration reportInterval,
        int bufferCapacity) {

    public SensorSettings {
        if (!(baseTemperatureC >= -40 && baseTemperatureC <= 85)) {
            throw new IllegalArgumentException("sensor temperature must be from -40 to 85 °C, was " + baseTemperatureC);
        }
        if (!(batteryPercent >= 0 && batteryPercent <= 100)) {
            throw new IllegalArgumentException("sensor battery must be from 0 to 100 %, was " + batteryPercent);
        }
        if (!(batteryPerReading >= 0 && batteryPerReading <= 100)) {
            throw new IllegalArgumentException("battery per reading must be from 0 to 100 %, was " + batteryPerReading);
        }
        if (reportInterval == null || reportInterval.compareTo(Duration.ofMillis(100)) < 0
                || reportInterval.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("sensor report interval must be from 0.1 s to 86400 s, was " + reportInterval);
        }
        if (bufferCapacity < 1 || bufferCapacity > 100_000) {
            throw new IllegalArgumentException("buffer capacity must be from 1 to 100000, was " + bufferCapacity);
        }
    }

    /** A chilled box at 4 °C, a full battery that loses 0.01 % per reading, a reading every 10 s, 1000 kept offline. */
    public static SensorSettings defaults() {
        return new SensorSettings(4.0, false, 100, 0.01, Duration.ofSeconds(10), 1000);
    }

    public SensorSettings withTemperature(double celsius, boolean withExcursions) {
        return new SensorSettings(celsius, withExcursions, batteryPercent, batteryPerReading, reportInterval, bufferCapacity);
    }

    public SensorSettings withBattery(double percent) {
        return new SensorSettings(baseTemperatureC, excursions, percent, batteryPerReading, reportInterval, bufferCapacity);
    }

    public SensorSettings withReportInterval(Duration value) {
        return new SensorSettings(baseTemperatureC, excursions, batteryPercent, batteryPerReading, value, bufferCapacity);
    }

    public SensorSettings withBufferCapacity(int readings) {
        return new SensorSettings(baseTemperatureC, excursions, batteryPercent, batteryPerReading, reportInterval, readings);
    }
}
