package dev.dispatch.simulator.device;

import java.time.Duration;

import dev.dispatch.simulator.geo.GeoPoint;
import dev.dispatch.simulator.geo.RouteShape;

/**
 * How a simulated device behaves, before any command changes it.
 *
 * @param start where it stands when it starts
 * @param speedMetersPerSecond how fast it drives towards a destination
 * @param reportInterval how often it sends telemetry (a {@code set-report-interval} command changes it)
 * @param cargoTemperatureC the cargo temperature at start
 * @param temperatureDriftPerMinute how much the cargo warms (or, negative, cools) per minute
 * @param batteryPercent the battery at start
 * @param batteryDrainPerMinute how many percentage points the battery loses per minute
 * @param routeShape the path it takes to a destination
 * @param noiseMeters how far a reported position may stray from the route while driving (GPS noise)
 */
public record DeviceSettings(
        GeoPoint start,
        double speedMetersPerSecond,
        Duration reportInterval,
        double cargoTemperatureC,
        double temperatureDriftPerMinute,
        double batteryPercent,
        double batteryDrainPerMinute,
        RouteShape routeShape,
        double noiseMeters) {

    /** Alexanderplatz, Berlin: the order in the top-level README goes to Invalidenstrasse, about 2 km away. */
    public static final GeoPoint DEFAULT_START = new GeoPoint(52.5219, 13.4132);

    public static final Duration MIN_REPORT_INTERVAL = Duration.ofMillis(10);

    public DeviceSettings {
        if (start == null) {
            throw new IllegalArgumentException("start is required");
        }
        if (!(speedMetersPerSecond > 0 && speedMetersPerSecond <= 10_000)) {
            throw new IllegalArgumentException("speed must be above 0 and at most 10000 m/s, was " + speedMetersPerSecond);
        }
        if (reportInterval == null || reportInterval.compareTo(MIN_REPORT_INTERVAL) < 0
                || reportInterval.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("report interval must be from 0.01 s to 3600 s, was " + reportInterval);
        }
        if (!(cargoTemperatureC >= -50 && cargoTemperatureC <= 100)) {
            throw new IllegalArgumentException("cargo temperature must be from -50 to 100 °C, was " + cargoTemperatureC);
        }
        if (!Double.isFinite(temperatureDriftPerMinute)) {
            throw new IllegalArgumentException("temperature drift must be a number");
        }
        if (!(batteryPercent >= 0 && batteryPercent <= 100)) {
            throw new IllegalArgumentException("battery must be from 0 to 100 %, was " + batteryPercent);
        }
        if (!(batteryDrainPerMinute >= 0 && batteryDrainPerMinute <= 100)) {
            throw new IllegalArgumentException("battery drain must be from 0 to 100 % per minute, was " + batteryDrainPerMinute);
        }
        if (routeShape == null) {
            throw new IllegalArgumentException("route shape is required");
        }
        if (!(noiseMeters >= 0 && noiseMeters <= 100)) {
            throw new IllegalArgumentException("noise must be from 0 to 100 m, was " + noiseMeters);
        }
    }

    /** A courier in Berlin: 12 m/s (about 43 km/h), a reading every 2 s, a chilled box at 4 °C, full battery. */
    public static DeviceSettings defaults() {
        return new DeviceSettings(DEFAULT_START, 12, Duration.ofSeconds(2), 4.0, 0, 100, 0, RouteShape.STREETS, 3);
    }

    public DeviceSettings withStart(GeoPoint value) {
        return new DeviceSettings(value, speedMetersPerSecond, reportInterval, cargoTemperatureC,
                temperatureDriftPerMinute, batteryPercent, batteryDrainPerMinute, routeShape, noiseMeters);
    }

    public DeviceSettings withSpeed(double metersPerSecond) {
        return new DeviceSettings(start, metersPerSecond, reportInterval, cargoTemperatureC,
                temperatureDriftPerMinute, batteryPercent, batteryDrainPerMinute, routeShape, noiseMeters);
    }

    public DeviceSettings withReportInterval(Duration value) {
        return new DeviceSettings(start, speedMetersPerSecond, value, cargoTemperatureC,
                temperatureDriftPerMinute, batteryPercent, batteryDrainPerMinute, routeShape, noiseMeters);
    }

    public DeviceSettings withCargoTemperature(double celsius, double driftPerMinute) {
        return new DeviceSettings(start, speedMetersPerSecond, reportInterval, celsius,
                driftPerMinute, batteryPercent, batteryDrainPerMinute, routeShape, noiseMeters);
    }

    public DeviceSettings withBattery(double percent, double drainPerMinute) {
        return new DeviceSettings(start, speedMetersPerSecond, reportInterval, cargoTemperatureC,
                temperatureDriftPerMinute, percent, drainPerMinute, routeShape, noiseMeters);
    }

    public DeviceSettings withRoute(RouteShape shape, double noise) {
        return new DeviceSettings(start, speedMetersPerSecond, reportInterval, cargoTemperatureC,
                temperatureDriftPerMinute, batteryPercent, batteryDrainPerMinute, shape, noise);
    }
}
