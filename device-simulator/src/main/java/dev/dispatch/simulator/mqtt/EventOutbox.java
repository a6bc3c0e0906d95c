package dev.dispatch.simulator.mqtt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.dispatch.simulator.contract.DeviceEvent;

/**
 * The device's events until the broker acknowledged them: sent again, with the same event id, after
 * a reconnect (the receiver dedupes by id), so that a delivery said while offline is never lost.
 * Confined to the device's event loop.
 */
final class EventOutbox {

    private final Map<String, Entry> pending = new LinkedHashMap<>();
    private final List<CompletableFuture<Void>> emptyWaiters = new ArrayList<>();

    static final class Entry {
        final DeviceEvent event;
        final byte[] payload;
        boolean inFlight;

        Entry(DeviceEvent event, byte[] payload) {
            this.event = event;
            this.payload = payload;
        }
    }

    Entry add(DeviceEvent event, byte[] payload) {
        Entry entry = new Entry(event, payload);
        pending.put(event.eventId(), entry);
        return entry;
    }

    /** Those not on their way now, oldest first. */
    List<Entry> unsent() {
        return pending.values().stream().filter(e -> !e.inFlight).toList();
    }

    void acked(String eventId) {
        pending.remove(eventId);
        if (pending.isEmpty()) {
            emptyWaiters.forEach(w -> w.complete(null));
            emptyWaiters.clear();
        }
    }

    int size() {
        return pending.size();
    }

    CompletableFuture<Void> whenEmpty() {
        CompletableFuture<Void> waiter = new CompletableFuture<>();
        if (pending.isEmpty()) {
            waiter.complete(null);
        } else {
            emptyWaiters.add(waiter);
        }
        return waiter;
    }
}
