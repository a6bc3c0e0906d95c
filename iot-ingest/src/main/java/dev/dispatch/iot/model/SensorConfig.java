package dev.dispatch.iot.model;

/**
 * What a sensor observes at {@code /sensors/{id}/config}: how often it reports and its alert limits, with a version
 * that increases with every change (so a sensor tells a new configuration from a repeated one). Every value is
 * validated here, whoever sets it: report interval 5..86400 s, temperature limit -40..85 °C, shock limit 0.1..100 g.
 */
public record SensorConfig(int reportIntervalSeconds, double maxTemperatureC, double maxShockG, long version) {

    public static final int DEFAULT_REPORT_INTERVAL_SECONDS = 300;
    public static final double DEFAULT_MAX_TEMPERATURE_C = 8.0;
    public static final double DEFAULT_MAX_SHOCK_G = 4.0;
    public static final int MIN_REPORT_INTERVAL_SECONDS = 5;
    public static final int MAX_REPORT_INTERVAL_SECONDS = 86_400;
    public static final double MIN_TEMPERATURE_C = -40;
    public static final double MAX_TEMPERATURE_C = 85;
    public static final double MIN_SHOCK_G = 0.1;
    public static final double MAX_SHOCK_G = 100;

    /** The configuration a new sensor starts with (version 1): the given values, the defaults for those null. */
    public static SensorConfig initial(Integer reportIntervalSeconds, Double maxTemperatureC, Double maxShockG) {
        return new SensorConfig(DEFAULT_REPORT_INTERVAL_SECONDS, DEFAULT_MAX_TEMPERATURE_C, DEFAULT_MAX_SHOCK_G, 1)
                .apply(reportIntervalSeconds, maxTemperatureC, maxShockG, 1);
    }

    /** This configuration with the given values changed (null keeps one): the next version if anything changed, else this. */
    public SensorConfig with(Integer reportIntervalSeconds, Double maxTemperatureC, Double maxShockG) {
        SensorConfig changed = apply(reportIntervalSeconds, maxTemperatureC, maxShockG, version);
        return changed.sameValues(this) ? this : new SensorConfig(changed.reportIntervalSeconds, changed.maxTemperatureC, changed.maxShockG,
                version + 1);
    }

    private SensorConfig apply(Integer interval, Double temperature, Double shock, long newVersion) {
        if (interval != null && (interval < MIN_REPORT_INTERVAL_SECONDS || interval > MAX_REPORT_INTERVAL_SECONDS)) {
            throw new InvalidRequest("report_interval_seconds", "must be " + MIN_REPORT_INTERVAL_SECONDS + ".." + MAX_REPORT_INTERVAL_SECONDS
                    + " seconds, not " + interval);
        }
        if (temperature != null && !within(temperature, MIN_TEMPERATURE_C, MAX_TEMPERATURE_C)) {
            throw new InvalidRequest("max_temperature_c", "must be " + MIN_TEMPERATURE_C + ".." + MAX_TEMPERATURE_C + " °C, not " + temperature);
        }
        if (shock != null && !within(shock, MIN_SHOCK_G, MAX_SHOCK_G)) {
            throw new InvalidRequest("max_shock_g", "must be " + MIN_SHOCK_G + ".." + MAX_SHOCK_G + " g, not " + shock);
        }
        return new SensorConfig(interval == null ? reportIntervalSeconds : interval, temperature == null ? maxTemperatureC : temperature,
                shock == null ? maxShockG : shock, newVersion);
    }

    private boolean sameValues(SensorConfig other) {
        return reportIntervalSeconds == other.reportIntervalSeconds && Double.compare(maxTemperatureC, other.maxTemperatureC) == 0
                && Double.compare(maxShockG, other.maxShockG) == 0;
    }

    private static boolean within(double value, double min, double max) {
        return Double.isFinite(value) && value >= min && value <= max;
    }
}
