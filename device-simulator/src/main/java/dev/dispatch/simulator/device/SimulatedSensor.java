package dev.dispatch.simulator.device;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Random;

import dev.dispatch.simulator.contract.CoapContract;
import dev.dispatch.simulator.contract.SensorConfig;
import dev.dispatch.simulator.contract.SensorReading;

/**
 * One cargo sensor tag as pure state: the cargo's temperature drifting around its base (and, when asked, an
 * occasional excursion), humidity, the strongest shock since the last reading (a door opening or slamming shut on
 * the courier's box is a spike), a battery that every reading costs, and the report interval its configuration
 * sets. Time comes from the clock it is given; randomness is seeded by the id, so a tag behaves the same on every
 * run. Not thread-safe: its owner serializes calls.
 */
public final class SimulatedSensor {

    /** The first excursion starts at this reading; later ones at random, at least {@link #EXCURSION_GAP} apart. */
    static final int FIRST_EXCURSION_AT = 3;
    static final int EXCURSION_READINGS = 4;
    static final int EXCURSION_GAP = 10;
    static final double EXCURSION_CHANCE = 0.05;
    /** An excursion warms the cargo this far above its base: 4 °C becomes 11 °C, above the default limit of 8. */
    static final double EXCURSION_RISE_C = 7.0;

    private final String id;
    private final SensorSettings settings;
    private final Clock clock;
    private final Random random;

    private double temperatureC;
    private double batteryPercent;
    private double pendingShockG;
    private long readings;
    private int excursionLeft;
    private long lastExcursionEnd = -EXCURSION_GAP;
    private Duration reportInterval;
    private SensorConfig config;

    public SimulatedSensor(String id, SensorSettings settings, Clock clock) {
        this(id, settings, clock, new Random(id.hashCode()));
    }

    public SimulatedSensor(String id, SensorSettings settings, Clock clock, Random random) {
        this.id = CoapContract.requireValidSensorId(id);
        this.settings = settings;
        this.clock = clock;
        this.random = random;
        this.temperatureC = settings.baseTemperatureC() + (random.nextDouble() - 0.5) * 0.4;
        this.batteryPercent = settings.batteryPercent();
        this.reportInterval = settings.reportInterval();
    }

    /** The reading of this moment: each one drifts the temperature, reports and clears the shock peak, costs battery. */
    public SensorReading reading() {
        readings++;
        excursionStep();
        double target = settings.baseTemperatureC() + (excursionLeft > 0 ? EXCURSION_RISE_C : 0);
        double pull = excursionLeft > 0 ? 0.6 : 0.3;
        temperatureC += (target - temperatureC) * pull + random.nextGaussian() * 0.08;
        temperatureC = clamp(temperatureC, CoapContract.MIN_TEMPERATURE_C, CoapContract.MAX_TEMPERATURE_C);
        if (excursionLeft > 0 && --excursionLeft == 0) {
            lastExcursionEnd = readings;
        }
        double humidity = clamp(60 + 5 * Math.sin(readings / 20.0) + random.nextGaussian() * 0.5, 0, 100);
        double shock = Math.max(0.02 + Math.abs(random.nextGaussian()) * 0.05, pendingShockG);
        pendingShockG = 0;
        // iot-ingest keys a reading by (sensor, time) and drops a repeat: milliseconds keep fast senders' readings apart.
        SensorReading reading = new SensorReading(clock.instant().truncatedTo(ChronoUnit.MILLIS).toString(),
                round(temperatureC, 2), round(humidity, 1), round(Math.min(shock, CoapContract.MAX_SHOCK_G), 2),
                round(batteryPercent, 2));
        batteryPercent = Math.max(0, batteryPercent - settings.batteryPerReading());
        return reading;
    }

    private void excursionStep() {
        if (!settings.excursions() || excursionLeft > 0) {
            return;
        }
        boolean first = readings == FIRST_EXCURSION_AT && lastExcursionEnd < 0;
        boolean later = readings - lastExcursionEnd >= EXCURSION_GAP && lastExcursionEnd >= 0
                && random.nextDouble() < EXCURSION_CHANCE;
        if (first || later) {
            excursionLeft = EXCURSION_READINGS;
        }
    }

    /** A jolt: the next reading reports at least this many g. */
    public void shock(double g) {
        pendingShockG = Math.max(pendingShockG, Math.min(g, CoapContract.MAX_SHOCK_G));
    }

    /**
     * The courier's cargo door opened or closed: a handled parcel (5-8 g) or a slammed door (3-5 g).
     *
     * @return the spike it will report
     */
    public double doorEvent(boolean opened) {
        double g = opened ? 5 + random.nextDouble() * 3 : 3 + random.nextDouble() * 2;
        shock(g);
        return round(g, 2);
    }

    /**
     * Takes a configuration; a repeated or older one (by version) changes nothing.
     *
     * @return the report interval before, when this configuration changed it
     */
    public Optional<Duration> apply(SensorConfig newConfig) {
        if (config != null && newConfig.version() <= config.version()) {
            return Optional.empty();
        }
        config = newConfig;
        Duration interval = Duration.ofSeconds(newConfig.reportIntervalSeconds());
        if (interval.equals(reportInterval)) {
            return Optional.empty();
        }
        Duration before = reportInterval;
        reportInterval = interval;
        return Optional.of(before);
    }

    public String id() {
        return id;
    }

    public Duration reportInterval() {
        return reportInterval;
    }

    public Optional<SensorConfig> config() {
        return Optional.ofNullable(config);
    }

    public double temperatureC() {
        return temperatureC;
    }

    public double batteryPercent() {
        return batteryPercent;
    }

    public boolean inExcursion() {
        return excursionLeft > 0;
    }

    public long readings() {
        return readings;
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }
}
