package dev.dispatch.gateway.model;

/**
 * The bounds of a cargo sensor's configuration (SensorService's {@code SensorConfig}), the same for provisioning and for
 * a change, over REST and GraphQL. The words are the field messages both APIs answer with; iot-ingest applies the
 * defaults to what is left out.
 */
public final class SensorConfigs {

    /** How often the sensor wakes and reports, in seconds. */
    public static final int MIN_REPORT_INTERVAL = 5;
    public static final int MAX_REPORT_INTERVAL = 86_400;
    public static final int DEFAULT_REPORT_INTERVAL = 300;
    public static final String REPORT_INTERVAL_RULE = "must be a whole number from " + MIN_REPORT_INTERVAL + " to " + MAX_REPORT_INTERVAL;

    /** Above this cargo temperature (°C) a reading raises an alert. */
    public static final String MIN_TEMPERATURE = "-40";
    public static final String MAX_TEMPERATURE = "85";
    public static final double DEFAULT_TEMPERATURE = 8.0;
    public static final String TEMPERATURE_RULE = "must be between " + MIN_TEMPERATURE + " and " + MAX_TEMPERATURE + " degrees Celsius";

    /** Above this shock (g) a reading raises an alert. */
    public static final String MIN_SHOCK = "0.1";
    public static final String MAX_SHOCK = "100";
    public static final double DEFAULT_SHOCK = 4.0;
    public static final String SHOCK_RULE = "must be between " + MIN_SHOCK + " and " + MAX_SHOCK + " g";

    /** A change must change something: an empty one would only bump the version and wake every observing sensor. */
    public static final String CHANGE_RULE = "must set at least one of reportIntervalSeconds, maxTemperatureC, maxShockG or courierDeviceId";

    private SensorConfigs() {
    }
}
