package dev.dispatch.simulator.mqtt;

import java.time.Duration;

import dev.dispatch.simulator.contract.DeviceEvent;
import dev.dispatch.simulator.contract.Telemetry;
import dev.dispatch.simulator.device.AssignResult;
import dev.dispatch.simulator.device.CommandOutcome;
import dev.dispatch.simulator.geo.GeoPoint;

/**
 * What the devices of a fleet do, for whoever runs them: the command line prints it, a load run
 * counts it. Called on the device's event loop: return quickly, never block.
 */
public interface FleetListener {

    FleetListener NONE = new FleetListener() {
    };

    /** Tells both, first {@code first}. */
    static FleetListener both(FleetListener first, FleetListener second) {
        return new BothListeners(first, second);
    }

    /** Connected, subscribed to its commands and said {@code online}; {@code reconnected} after a loss. */
    default void connected(String deviceId, BrokerAddress broker, boolean reconnected) {
    }

    default void connectionLost(String deviceId, Duration retryIn) {
    }

    /** One line's worth per failed attempt, never a stack trace. */
    default void connectAttemptFailed(String deviceId, int attempt, String reason, Duration retryIn) {
    }

    /** The broker refused the device for good; it stops trying. */
    default void refused(String deviceId, String reason) {
    }

    default void assigned(String deviceId, AssignResult assignment, GeoPoint destination) {
    }

    default void delivered(String deviceId, String orderId, GeoPoint position) {
    }

    default void commandHandled(String deviceId, CommandOutcome outcome) {
    }

    /** The cargo box's door opened or closed (once, when it happens; {@code door-opened}/{@code door-closed} follow). */
    default void door(String deviceId, boolean opened) {
    }

    /** A reading went out; {@code acked} on its PUBACK, with the time from publish to acknowledgement. */
    default void telemetrySent(String deviceId, Telemetry reading) {
    }

    default void telemetryAcked(String deviceId, Duration latency) {
    }

    /** A reading went out but was not acknowledged: the client refused it or the connection went first. */
    default void telemetryFailed(String deviceId, String reason) {
    }

    /** A reading was due but the device was offline; telemetry is not kept for later. */
    default void telemetryNotSent(String deviceId, String reason) {
    }

    default void eventSent(String deviceId, DeviceEvent event) {
    }

    /** Stopped; {@code clean} when it said {@code offline} itself and disconnected, so the broker kept the will. */
    default void stopped(String deviceId, boolean clean) {
    }
}
