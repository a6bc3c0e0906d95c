package dev.dispatch.simulator.device;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import dev.dispatch.simulator.contract.CommandAck;
import dev.dispatch.simulator.contract.Delivered;
import dev.dispatch.simulator.contract.DeviceEvent;
import dev.dispatch.simulator.contract.DoorEvent;
import dev.dispatch.simulator.contract.Telemetry;
import dev.dispatch.simulator.contract.TopicContract;
import dev.dispatch.simulator.geo.GeoPoint;
import dev.dispatch.simulator.geo.Route;

/**
 * One courier device as pure state: where it is, where it goes, its battery and cargo temperature,
 * the cargo lock. Time comes from the clock it is given, so tests drive it without a broker or
 * waiting. Not thread-safe: its connection confines it to one event loop.
 */
public final class SimulatedDevice {

    // A device remembers this many delivered orders, so that a re-sent assignment is not delivered twice.
    private static final int REMEMBERED_DELIVERIES = 1024;

    private final String id;
    private final DeviceSettings settings;
    private final Clock clock;
    private final Random noise;
    private final Supplier<UUID> eventIds;
    private final Set<String> delivered = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_DELIVERIES;
        }
    });

    private GeoPoint position;
    private Instant updatedAt;
    private double batteryPercent;
    private double cargoTemperatureC;
    private Duration reportInterval;
    private boolean cargoLocked;
    private Assignment assignment;

    /** Noise seeded by the id, so that one device takes the same jitter on every run. */
    public SimulatedDevice(String id, DeviceSettings settings, Clock clock) {
        this(id, settings, clock, new Random(id.hashCode()), UUID::randomUUID);
    }

    public SimulatedDevice(String id, DeviceSettings settings, Clock clock, Random noise, Supplier<UUID> eventIds) {
        this.id = TopicContract.requireValidDeviceId(id);
        this.settings = settings;
        this.clock = clock;
        this.noise = noise;
        this.eventIds = eventIds;
        this.position = settings.start();
        this.updatedAt = clock.instant();
        this.batteryPercent = settings.batteryPercent();
        this.cargoTemperatureC = settings.cargoTemperatureC();
        this.reportInterval = settings.reportInterval();
    }

    /**
     * Brings the device to the clock's present: drains the battery, drifts the temperature, drives
     * along the route. On arrival it stands at the destination exactly and says so: the door opens
     * (unless the cargo is locked), the order is {@code delivered}, the door closes. Then it idles.
     */
    public List<DeviceEvent> advance() {
        Instant now = clock.instant();
        double seconds = Math.max(0, Duration.between(updatedAt, now).toNanos() / 1e9);
        updatedAt = now;
        batteryPercent = Math.max(0, batteryPercent - settings.batteryDrainPerMinute() * seconds / 60);
        cargoTemperatureC = clamp(cargoTemperatureC + settings.temperatureDriftPerMinute() * seconds / 60, -50, 100);
        if (assignment == null) {
            return List.of();
        }
        assignment = assignment.travelled(settings.speedMetersPerSecond() * seconds);
        if (assignment.remainingMeters() > 0) {
            position = assignment.route().pointAt(assignment.travelledMeters());
            return List.of();
        }
        return arrive(now);
    }

    private List<DeviceEvent> arrive(Instant now) {
        Assignment done = assignment;
        assignment = null;
        position = done.destination();
        delivered.add(done.orderId());
        String time = format(now);
        List<DeviceEvent> events = new ArrayList<>(3);
        // A locked box cannot open: the hand-over is reported without door events.
        if (!cargoLocked) {
            events.add(new DoorEvent(newEventId(), id, time, true));
        }
        events.add(new Delivered(newEventId(), id, time, done.orderId(), position.latitude(), position.longitude()));
        if (!cargoLocked) {
            events.add(new DoorEvent(newEventId(), id, time, false));
        }
        return events;
    }

    /** The reading of this moment (call {@link #advance()} first); while driving, the position carries a little GPS noise. */
    public Telemetry reading() {
        GeoPoint reported = position;
        if (assignment != null && settings.noiseMeters() > 0) {
            reported = position.offset(jitter(), jitter());
        }
        double temperature = cargoTemperatureC + (noise.nextDouble() - 0.5) * 0.1;
        return new Telemetry(id, format(clock.instant()),
                round(reported.latitude(), 6), round(reported.longitude(), 6),
                round(clamp(temperature, -50, 100), 2), round(batteryPercent, 1));
    }

    /** Drive from where the device is now to the order's destination. */
    public AssignResult assign(String orderId, GeoPoint destination) {
        if (delivered.contains(orderId)) {
            return new AssignResult(AssignResult.Kind.ALREADY_DELIVERED, orderId, 0, null);
        }
        String replaced = assignment != null && !assignment.orderId().equals(orderId) ? assignment.orderId() : null;
        Route route = Route.of(settings.routeShape(), position, destination);
        assignment = new Assignment(orderId, route, 0);
        return new AssignResult(AssignResult.Kind.DRIVING, orderId, route.lengthMeters(), replaced);
    }

    public CommandAck ack(String commandId, boolean done, String detail) {
        return new CommandAck(newEventId(), id, format(clock.instant()), commandId,
                done ? CommandAck.DONE : CommandAck.REJECTED, detail);
    }

    public void reportInterval(Duration interval) {
        this.reportInterval = interval;
    }

    /** @return whether the lock changed */
    public boolean lockCargo(boolean locked) {
        boolean changed = cargoLocked != locked;
        cargoLocked = locked;
        return changed;
    }

    public String id() {
        return id;
    }

    public GeoPoint position() {
        return position;
    }

    public double batteryPercent() {
        return batteryPercent;
    }

    public double cargoTemperatureC() {
        return cargoTemperatureC;
    }

    public Duration reportInterval() {
        return reportInterval;
    }

    public boolean cargoLocked() {
        return cargoLocked;
    }

    public Optional<Assignment> assignment() {
        return Optional.ofNullable(assignment);
    }

    public boolean hasDelivered(String orderId) {
        return delivered.contains(orderId);
    }

    private double jitter() {
        return (noise.nextDouble() * 2 - 1) * settings.noiseMeters();
    }

    private String newEventId() {
        return eventIds.get().toString();
    }

    private static String format(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }
}
