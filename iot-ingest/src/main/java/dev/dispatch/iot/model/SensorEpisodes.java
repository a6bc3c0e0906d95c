package dev.dispatch.iot.model;

import java.time.Instant;
import java.util.UUID;

/**
 * A sensor's alert episodes as stored: which alerts are raised and not yet over (temperature with the order it was
 * raised for, null when the courier delivered nothing), and the newest reading time decided on (null: none yet).
 */
public record SensorEpisodes(boolean temperature, UUID temperatureOrder, boolean shock, boolean battery, Instant newestDecided) {

    public static final SensorEpisodes NONE = new SensorEpisodes(false, null, false, false, null);
}
