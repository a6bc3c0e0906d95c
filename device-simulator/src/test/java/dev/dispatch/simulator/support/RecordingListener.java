package dev.dispatch.simulator.support;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.dispatch.simulator.mqtt.BrokerAddress;
import dev.dispatch.simulator.mqtt.FleetListener;
import dev.dispatch.simulator.geo.GeoPoint;

/** What the devices told their listener, as lines, for assertions on the device's own view. */
public final class RecordingListener implements FleetListener {

    private final Queue<String> lines = new ConcurrentLinkedQueue<>();

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public long count(String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).count();
    }

    @Override
    public void connected(String deviceId, BrokerAddress broker, boolean reconnected) {
        lines.add((reconnected ? "reconnected " : "connected ") + deviceId);
    }

    @Override
    public void connectionLost(String deviceId, Duration retryIn) {
        lines.add("lost " + deviceId);
    }

    @Override
    public void connectAttemptFailed(String deviceId, int attempt, String reason, Duration retryIn) {
        lines.add("attempt-failed " + deviceId + " " + attempt + " " + reason);
    }

    @Override
    public void refused(String deviceId, String reason) {
        lines.add("refused " + deviceId + " " + reason);
    }

    @Override
    public void delivered(String deviceId, String orderId, GeoPoint position) {
        lines.add("delivered " + deviceId + " " + orderId);
    }

    @Override
    public void stopped(String deviceId, boolean clean) {
        lines.add("stopped " + deviceId + " " + (clean ? "clean" : "not-clean"));
    }
}
