package dev.dispatch.simulator.coap;

import java.time.Duration;
import java.util.Optional;

import dev.dispatch.simulator.contract.SensorConfig;
import dev.dispatch.simulator.contract.SensorReading;

/**
 * What the sensor tags of a fleet do, for whoever runs them: the command line prints it, a test records it. Called
 * on Californium's and the fleet's threads: return quickly, never block.
 */
public interface TagListener {

    TagListener NONE = new TagListener() {
    };

    /** Started: observing its configuration at {@code configUri}, reporting to {@code readingsUri}. */
    default void started(String sensorId, String courierDeviceId, String readingsUri, String configUri) {
    }

    /**
     * A configuration arrived (the answer to the observe request, or a notification) with a version it had not
     * seen; {@code previousInterval} is set when it changed the report interval, which then applies at once.
     */
    default void configApplied(String sensorId, SensorConfig config, Optional<Duration> previousInterval) {
    }

    /** The observe request was answered with an error, or a notification could not be read. */
    default void configRefused(String sensorId, String reason) {
    }

    /** Woke and took a reading (sent now, or buffered behind a request still under way). */
    default void readingTaken(String sensorId, SensorReading reading) {
    }

    /** A jolt from the courier's cargo door, reported with the next reading. */
    default void shock(String sensorId, String courierDeviceId, boolean doorOpened, double g) {
    }

    /**
     * iot-ingest answered 2.04: {@code count} readings stored ({@code batch}: sent as one array; {@code blockwise}:
     * the body was larger than one datagram, so it went in blocks).
     */
    default void readingsStored(String sensorId, int count, boolean batch, int bytes, boolean blockwise, Duration latency) {
    }

    /** Not stored, but kept to send again with the next reading: no answer, 4.29 or 5.xx. */
    default void readingsKept(String sensorId, int buffered, String reason) {
    }

    /** Dropped for good: refused (4.xx other than 4.29), a NON request without answer, or the buffer overflowed. */
    default void readingsDropped(String sensorId, int count, String reason) {
    }

    default void stopped(String sensorId) {
    }
}
