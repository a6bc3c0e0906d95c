package dev.dispatch.iot.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One device's presence and the running state that decides its progress events, alert episodes and announced courier
 * presence. The database is its record ({@link Episodes}, the device row): an ingest batch or a binding change
 * restores it from the row it locked, decides, and writes it back in the same transaction, so every replica decides
 * from the same state. Its methods are synchronized (one instance may still be reached from several threads).
 */
public final class DeviceState {

    /**
     * The decision state as stored with the device: the newest reading decided, the progress throttle (its order and
     * last time), the alert episodes, and the courier presence last announced (null: none yet) with its order.
     */
    public record Episodes(Instant newestDecided, UUID progressOrder, Instant lastProgressAt, int temperatureAbove,
            boolean temperatureAlerted, boolean batteryAlerted, boolean offlineAlerted, CourierPresence announced, UUID announcedOrder) {
    }

    private static final int REMEMBERED_DELIVERIES = 16;

    private final String id;
    private final Instant registeredAt;
    private DeviceStatus status;
    private Instant lastSeenAt;
    /** The newest reading committed to the database (what GetDevice and WatchTelemetry show). */
    private Reading latest;

    // Decision state: advanced as readings are accepted, before they are committed.
    private Instant newestDecided;
    private UUID progressOrder;
    private Instant lastProgressAt;
    private int temperatureAbove;
    private boolean temperatureAlerted;
    private boolean batteryAlerted;
    private boolean offlineAlerted;
    private final LinkedHashSet<UUID> recentDeliveries = new LinkedHashSet<>();
    // The courier presence last announced (null: none yet, a device registering now) and its order when away.
    private CourierPresence announced;
    private UUID announcedOrder;
    // Whether its MQTT password logs in, as of the credential row's version (the database checks the logins themselves).
    private boolean credentialsActive;
    private long credentialsVersion;

    /** A device as stored (loaded at start-up); latest is its newest stored reading, or null. */
    public DeviceState(String id, DeviceStatus status, Instant registeredAt, Instant lastSeenAt, Reading latest) {
        this(id, status, registeredAt, lastSeenAt, latest, null);
    }

    /**
     * A device as stored, with its active binding (or null): its presence as of then counts as announced, so that a
     * restart (and the retained status it hears again) announces nothing new.
     */
    public DeviceState(String id, DeviceStatus status, Instant registeredAt, Instant lastSeenAt, Reading latest, Binding binding) {
        this.id = id;
        this.status = status;
        this.registeredAt = registeredAt;
        this.lastSeenAt = lastSeenAt;
        this.latest = latest;
        this.newestDecided = latest == null ? null : latest.deviceTime();
        // What was offline before a restart has been alerted on already (or was not bound); do not alert again.
        this.offlineAlerted = status == DeviceStatus.OFFLINE;
        this.announced = status == null ? null : CourierPresence.of(status, binding);
        this.announcedOrder = announced == CourierPresence.AWAY ? binding.orderId() : null;
    }

    /** A device as its row stores it, decision state included (what a batch or a binding change locked). */
    public static DeviceState restore(String id, DeviceStatus status, Instant registeredAt, Instant lastSeenAt, Episodes episodes) {
        DeviceState device = new DeviceState(id, status, registeredAt, lastSeenAt, null);
        device.newestDecided = episodes.newestDecided();
        device.progressOrder = episodes.progressOrder();
        device.lastProgressAt = episodes.lastProgressAt();
        device.temperatureAbove = episodes.temperatureAbove();
        device.temperatureAlerted = episodes.temperatureAlerted();
        device.batteryAlerted = episodes.batteryAlerted();
        device.offlineAlerted = episodes.offlineAlerted();
        device.announced = episodes.announced();
        device.announcedOrder = episodes.announcedOrder();
        return device;
    }

    /** The decision state to store. */
    public synchronized Episodes episodes() {
        return new Episodes(newestDecided, progressOrder, lastProgressAt, temperatureAbove, temperatureAlerted, batteryAlerted, offlineAlerted,
                announced, announcedOrder);
    }

    /**
     * A device an operator issued credentials for before it ever said online: registered, offline (its presence as
     * good as announced: a courier never seen is offline to everyone).
     */
    public static DeviceState provisioned(String id, Instant now) {
        return new DeviceState(id, DeviceStatus.OFFLINE, now, null, null);
    }

    /** A device registering now, by its first online: nothing announced yet, so that its first online is. */
    public static DeviceState registering(String id, Instant now) {
        DeviceState device = new DeviceState(id, DeviceStatus.ONLINE, now, now, null);
        device.announced = null;
        return device;
    }

    /**
     * The device says it is online or offline (its last will included). Going offline starts an episode that alerts
     * once if the device is delivering an order; coming online ends it.
     */
    public synchronized PresenceChange presence(DeviceStatus said, Instant now, Binding binding) {
        boolean cameOnline = said == DeviceStatus.ONLINE && status != DeviceStatus.ONLINE;
        List<Decision> decisions = new ArrayList<>(1);
        if (said == DeviceStatus.OFFLINE && !offlineAlerted) {
            offlineAlerted = true;
            if (binding != null) {
                decisions.add(new Decision.OfflineAlert(binding, id, lastSeenAt));
            }
        } else if (said == DeviceStatus.ONLINE) {
            offlineAlerted = false;
        }
        status = said;
        if (said == DeviceStatus.ONLINE) {
            lastSeenAt = now;
        }
        PresenceChanged changed = presenceChange(binding, now);
        if (changed != null) {
            announced(changed);
        }
        return new PresenceChange(cameOnline, List.copyOf(decisions), changed);
    }

    /**
     * What the courier's presence would be with this binding (the device's order, or null) if it differs from the
     * one last announced (or, away, its order does); null when nothing changed. Changes nothing: call
     * {@link #announced} once the change is committed.
     */
    public synchronized PresenceChanged presenceChange(Binding binding, Instant now) {
        CourierPresence presence = CourierPresence.of(status, binding);
        UUID order = presence == CourierPresence.AWAY ? binding.orderId() : null;
        if (presence == announced && Objects.equals(order, announcedOrder)) {
            return null;
        }
        return new PresenceChanged(id, presence, order, now);
    }

    /** The change is written (to the outbox): it is what was last announced. */
    public synchronized void announced(PresenceChanged change) {
        announced = change.presence();
        announcedOrder = change.orderId();
    }

    /**
     * An accepted reading, and what it decides: progress for the bound order (throttled per order), a temperature
     * alert and a battery alert once per episode. A reading older (by device time) than one already decided on (a
     * redelivery, or out of order) decides nothing.
     */
    public synchronized List<Decision> decide(Reading reading, Binding binding, IngestRules rules) {
        if (newestDecided != null && !reading.deviceTime().isAfter(newestDecided)) {
            return List.of();
        }
        newestDecided = reading.deviceTime();
        List<Decision> decisions = new ArrayList<>(2);
        if (binding != null) {
            if (!binding.orderId().equals(progressOrder)) {
                progressOrder = binding.orderId();
                lastProgressAt = null;
                temperatureAbove = 0;
                temperatureAlerted = false;
            }
            if (lastProgressAt == null || !reading.receivedAt().isBefore(lastProgressAt.plus(rules.progressEvery()))) {
                lastProgressAt = reading.receivedAt();
                decisions.add(new Decision.Progress(binding, reading, Geo.haversineMeters(reading.latitude(), reading.longitude(),
                        binding.destinationLatitude(), binding.destinationLongitude())));
            }
            Double limit = binding.maxCargoTemperatureC();
            if (limit != null && reading.cargoTemperatureC() > limit) {
                temperatureAbove++;
                if (temperatureAbove > rules.temperatureToleratedReadings() && !temperatureAlerted) {
                    temperatureAlerted = true;
                    decisions.add(new Decision.TemperatureAlert(binding, reading, temperatureAbove));
                }
            } else {
                temperatureAbove = 0;
                temperatureAlerted = false;
            }
        }
        if (reading.batteryPercent() < rules.batteryLowPercent()) {
            if (!batteryAlerted) {
                batteryAlerted = true;
                decisions.add(new Decision.BatteryAlert(binding, reading, rules.batteryLowPercent()));
            }
        } else if (reading.batteryPercent() > rules.batteryLowPercent() + rules.batteryHysteresisPercent()) {
            batteryAlerted = false;
        }
        return List.copyOf(decisions);
    }

    /** A reading is stored: it becomes the latest unless a newer one is already, and the device was seen then. */
    public synchronized void committed(Reading reading) {
        if (latest == null || !reading.deviceTime().isBefore(latest.deviceTime())) {
            latest = reading;
        }
        if (lastSeenAt == null || reading.receivedAt().isAfter(lastSeenAt)) {
            lastSeenAt = reading.receivedAt();
        }
    }

    /**
     * Its credentials were issued (active) or revoked, by the change of this version; an older change arriving late
     * (two operators at once) changes nothing.
     */
    public synchronized void credentials(boolean active, long version) {
        if (version > credentialsVersion) {
            credentialsActive = active;
            credentialsVersion = version;
        }
    }

    /** Remembers a delivered event (the last few per device); false when it is remembered already. */
    public synchronized boolean rememberDelivery(UUID eventId) {
        if (!recentDeliveries.add(eventId)) {
            return false;
        }
        if (recentDeliveries.size() > REMEMBERED_DELIVERIES) {
            recentDeliveries.remove(recentDeliveries.iterator().next());
        }
        return true;
    }

    public synchronized boolean deliveredAlready(UUID eventId) {
        return recentDeliveries.contains(eventId);
    }

    /** The device as read now, with its binding (or null). */
    public synchronized Device snapshot(Binding binding) {
        return new Device(id, status, registeredAt, lastSeenAt, latest, binding, credentialsActive);
    }

    public String id() {
        return id;
    }

    public Instant registeredAt() {
        return registeredAt;
    }

    public synchronized DeviceStatus status() {
        return status;
    }

    public synchronized Reading latest() {
        return latest;
    }
}
