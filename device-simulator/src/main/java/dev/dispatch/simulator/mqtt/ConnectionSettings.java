package dev.dispatch.simulator.mqtt;

import java.time.Duration;

/**
 * How a device holds its MQTT connection.
 *
 * @param cleanSession false: the broker keeps the device's subscription and queues its commands
 *                     while it is away; true: every connection starts afresh (load runs)
 * @param reconnectDelay the pause before each new attempt after the connection is lost or refused
 * @param keepAliveSeconds the MQTT keep-alive; the broker drops (and publishes the will of) a device
 *                         silent for 1.5 times this long
 * @param connectTimeout how long one attempt may take up to the subscription's acknowledgement
 * @param stopTimeout how long a clean stop waits for unacknowledged events and the offline status
 * @param telemetryAtStart false: the device connects and listens, but sends no telemetry until
 *                         told to ({@link DeviceFleet#telemetry(boolean)}), as a load run wants
 */
public record ConnectionSettings(
        boolean cleanSession,
        Duration reconnectDelay,
        int keepAliveSeconds,
        Duration connectTimeout,
        Duration stopTimeout,
        boolean telemetryAtStart) {

    public ConnectionSettings {
        if (reconnectDelay == null || reconnectDelay.isNegative() || reconnectDelay.isZero()) {
            throw new IllegalArgumentException("reconnect delay must be positive");
        }
        if (keepAliveSeconds < 1 || keepAliveSeconds > 65535) {
            throw new IllegalArgumentException("keep-alive must be from 1 to 65535 s");
        }
    }

    public static ConnectionSettings defaults() {
        return new ConnectionSettings(false, Duration.ofSeconds(2), 30, Duration.ofSeconds(10), Duration.ofSeconds(5), true);
    }

    public ConnectionSettings withCleanSession(boolean value) {
        return new ConnectionSettings(value, reconnectDelay, keepAliveSeconds, connectTimeout, stopTimeout, telemetryAtStart);
    }

    public ConnectionSettings withReconnectDelay(Duration value) {
        return new ConnectionSettings(cleanSession, value, keepAliveSeconds, connectTimeout, stopTimeout, telemetryAtStart);
    }

    public ConnectionSettings withTelemetryAtStart(boolean value) {
        return new ConnectionSettings(cleanSession, reconnectDelay, keepAliveSeconds, connectTimeout, stopTimeout, value);
    }
}
