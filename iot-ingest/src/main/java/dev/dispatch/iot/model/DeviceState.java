package dev.dispatch.iot.service;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.UUID;

/**
 * What iot-ingest knows about one device, in memory: presence, the newest stored reading, and the running state
 * that decides progress events and alert episodes. Mutated under its own lock (the MQTT link, order events and
 * gRPC reach it from different threads).
 */
public final class DeviceState {

    private static final int REMEMBERED_DELIVERIES = 16;

    final String id;
    final Instant registeredAt;
    DeviceStatus status;
    Instant lastSeenAt;
    /** The newest reading committed to the database (what GetDevice and WatchTelemetry show). */
    Reading latest;

    // Decision state: advanced as readings are accepted, before they are committed.
    Instant newestDecided;
    UUID progressOrder;
    Instant lastProgressAt;
    int temperatureAbove;
    boolean temperatureAlerted;
    boolean batteryAlerted;
    boolean offlineAlerted;
    final LinkedHashSet<UUID> recentDeliveries = new LinkedHashSet<>();

    DeviceState(String id, DeviceStatus status, Instant registeredAt, Instant lastSeenAt, Reading latest) {
        this.id = id;
        this.status = status;
        this.registeredAt = registeredAt;
        this.lastSeenAt = lastSeenAt;
        this.latest = latest;
        this.newestDecided = latest == null ? null : latest.deviceTime();
        // What was offline before a restart has been alerted on already (or was not bound); do not alert again.
        this.offlineAlerted = status == DeviceStatus.OFFLINE;
    }

    synchronized Device snapshot(Binding binding) {
        return new Device(id, status, registeredAt, lastSeenAt, latest, binding);
    }

    synchronized void committed(Reading reading) {
        if (latest == null || !reading.deviceTime().isBefore(latest.deviceTime())) {
            latest = reading;
        }
        if (lastSeenAt == null || reading.receivedAt().isAfter(lastSeenAt)) {
            lastSeenAt = reading.receivedAt();
        }
    }

    synchronized boolean rememberDelivery(UUID eventId) {
        if (!recentDeliveries.add(eventId)) {
            return false;
        }
        if (recentDeliveries.size() > REMEMBERED_DELIVERIES) {
            recentDeliveries.remove(recentDeliveries.iterator().next());
        }
        return true;
    }

    synchronized boolean deliveredAlready(UUID eventId) {
        return recentDeliveries.contains(eventId);
    }

    public String id() {
        return id;
    }

    public synchronized DeviceStatus status() {
        return status;
    }

    public synchronized Reading latest() {
        return latest;
    }
}
