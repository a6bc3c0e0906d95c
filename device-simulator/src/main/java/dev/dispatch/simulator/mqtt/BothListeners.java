package dev.dispatch.simulator.mqtt;

import java.time.Duration;

import dev.dispatch.simulator.contract.DeviceEvent;
import dev.dispatch.simulator.contract.Telemetry;
import dev.dispatch.simulator.device.AssignResult;
import dev.dispatch.simulator.device.CommandOutcome;
import dev.dispatch.simulator.geo.GeoPoint;

/** {@link FleetListener#both}. */
record BothListeners(FleetListener first, FleetListener second) implements FleetListener {

    @Override
    public void connected(String deviceId, BrokerAddress broker, boolean reconnected) {
        first.connected(deviceId, broker, reconnected);
        second.connected(deviceId, broker, reconnected);
    }

    @Override
    public void connectionLost(String deviceId, Duration retryIn) {
        first.connectionLost(deviceId, retryIn);
        second.connectionLost(deviceId, retryIn);
    }

    @Override
    public void connectAttemptFailed(String deviceId, int attempt, String reason, Duration retryIn) {
        first.connectAttemptFailed(deviceId, attempt, reason, retryIn);
        second.connectAttemptFailed(deviceId, attempt, reason, retryIn);
    }

    @Override
    public void refused(String deviceId, String reason) {
        first.refused(deviceId, reason);
        second.refused(deviceId, reason);
    }

    @Override
    public void assigned(String deviceId, AssignResult assignment, GeoPoint destination) {
        first.assigned(deviceId, assignment, destination);
        second.assigned(deviceId, assignment, destination);
    }

    @Override
    public void delivered(String deviceId, String orderId, GeoPoint position) {
        first.delivered(deviceId, orderId, position);
        second.delivered(deviceId, orderId, position);
    }

    @Override
    public void commandHandled(String deviceId, CommandOutcome outcome) {
        first.commandHandled(deviceId, outcome);
        second.commandHandled(deviceId, outcome);
    }

    @Override
    public void door(String deviceId, boolean opened) {
        first.door(deviceId, opened);
        second.door(deviceId, opened);
    }

    @Override
    public void telemetrySent(String deviceId, Telemetry reading) {
        first.telemetrySent(deviceId, reading);
        second.telemetrySent(deviceId, reading);
    }

    @Override
    public void telemetryAcked(String deviceId, Duration latency) {
        first.telemetryAcked(deviceId, latency);
        second.telemetryAcked(deviceId, latency);
    }

    @Override
    public void telemetryFailed(String deviceId, String reason) {
        first.telemetryFailed(deviceId, reason);
        second.telemetryFailed(deviceId, reason);
    }

    @Override
    public void telemetryNotSent(String deviceId, String reason) {
        first.telemetryNotSent(deviceId, reason);
        second.telemetryNotSent(deviceId, reason);
    }

    @Override
    public void eventSent(String deviceId, DeviceEvent event) {
        first.eventSent(deviceId, event);
        second.eventSent(deviceId, event);
    }

    @Override
    public void stopped(String deviceId, boolean clean) {
        first.stopped(deviceId, clean);
        second.stopped(deviceId, clean);
    }
}
