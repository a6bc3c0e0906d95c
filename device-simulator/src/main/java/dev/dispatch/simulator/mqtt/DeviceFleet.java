package dev.dispatch.simulator.mqtt;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

import dev.dispatch.simulator.device.SimulatedDevice;
import dev.dispatch.simulator.geo.GeoPoint;

/**
 * N simulated devices, each with its own MQTT connection: the one entry point for the command line
 * and for the load generator.
 */
public final class DeviceFleet implements AutoCloseable {

    // Connecting thousands at once would only queue up at the broker's acceptor.
    private static final int CONNECTING_AT_ONCE = 32;

    private final Vertx vertx;
    private final boolean ownsVertx;
    private final FleetSettings settings;
    private final Map<String, DeviceConnection> connections = new LinkedHashMap<>();

    /** A fleet on a Vert.x of its own, closed with the fleet. */
    public DeviceFleet(FleetSettings settings, FleetListener listener) {
        this(Vertx.vertx(), true, settings, listener, Clock.systemUTC());
    }

    /** A fleet on the caller's Vert.x (e.g. a Quarkus application's), left open on close. */
    public DeviceFleet(Vertx vertx, FleetSettings settings, FleetListener listener, Clock clock) {
        this(vertx, false, settings, listener, clock);
    }

    private DeviceFleet(Vertx vertx, boolean ownsVertx, FleetSettings settings, FleetListener listener, Clock clock) {
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
        this.settings = settings;
        List<String> ids = settings.deviceIds();
        for (int i = 0; i < ids.size(); i++) {
            SimulatedDevice device = new SimulatedDevice(ids.get(i), settings.deviceSettings(i + 1), clock);
            connections.put(ids.get(i), new DeviceConnection(vertx, settings.login(ids.get(i)), settings.connection(), device, listener));
        }
    }

    public FleetSettings settings() {
        return settings;
    }

    public List<String> deviceIds() {
        return List.copyOf(connections.keySet());
    }

    /**
     * Connects every device. Completes when all are connected (each retries on its own until
     * then); fails as soon as the broker refuses one for good.
     */
    public Uni<Void> start() {
        return Multi.createFrom().iterable(new ArrayList<>(connections.values()))
                .onItem().transformToUni(DeviceConnection::start).merge(CONNECTING_AT_ONCE)
                .collect().last()
                .replaceWithVoid();
    }

    /** Stops every device cleanly (offline status, DISCONNECT: no will). */
    public Uni<Void> stop() {
        List<Uni<Void>> stops = connections.values().stream().map(DeviceConnection::stop).toList();
        return Uni.join().all(stops).andCollectFailures().replaceWithVoid();
    }

    /** Sends one device to a destination, as an {@code assign-order} would. */
    public void assign(String deviceId, String orderId, GeoPoint destination) {
        DeviceConnection connection = connections.get(deviceId);
        if (connection == null) {
            throw new IllegalArgumentException("no device " + deviceId + " in this fleet");
        }
        connection.assign(orderId, destination);
    }

    /** Starts or pauses the telemetry of every device. */
    public void telemetry(boolean on) {
        connections.values().forEach(c -> c.telemetry(on));
    }

    /** Stops cleanly, waiting at most {@code timeout}, and closes the Vert.x it owns. */
    public void close(Duration timeout) {
        try {
            stop().await().atMost(timeout);
        } catch (RuntimeException notAllInTime) {
            // closing Vert.x below closes whatever is left
        } finally {
            if (ownsVertx) {
                vertx.close().await().atMost(timeout);
            }
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(15));
    }
}
