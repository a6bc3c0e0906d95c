package dev.dispatch.iot.service;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.dispatch.iot.model.DeviceState;
import dev.dispatch.iot.model.Reading;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Live readings per device, as they are committed: what WatchTelemetry streams. A watcher gets the current
 * latest reading first, then every newer one; readings a watcher has not asked for (gRPC flow control) are
 * dropped for it rather than held in memory without bound.
 */
@ApplicationScoped
public class TelemetryFeed {

    private final Map<String, Set<Watcher>> watchers = new ConcurrentHashMap<>();
    private final BoardFeed board;

    TelemetryFeed(BoardFeed board) {
        this.board = board;
    }

    public Multi<Reading> watch(DeviceState device) {
        return Multi.createFrom().<Reading>emitter(emitter -> {
            Watcher watcher = new Watcher(emitter);
            // Register first, then send the latest: a reading committed in between is then sent, never missed.
            watchers.computeIfAbsent(device.id(), id -> ConcurrentHashMap.newKeySet()).add(watcher);
            emitter.onTermination(() -> watchers.computeIfPresent(device.id(), (id, set) -> {
                set.remove(watcher);
                return set.isEmpty() ? null : set;
            }));
            Reading latest = device.latest();
            if (latest != null) {
                watcher.offer(latest);
            }
        }, BackPressureStrategy.DROP);
    }

    void publish(Reading reading) {
        board.offer(reading);
        Set<Watcher> set = watchers.get(reading.deviceId());
        if (set != null) {
            set.forEach(watcher -> watcher.offer(reading));
        }
    }

    /** Passes on only readings newer (by device time) than what this watcher has had. */
    private static final class Watcher {

        private final MultiEmitter<? super Reading> emitter;
        private Instant newest;

        Watcher(MultiEmitter<? super Reading> emitter) {
            this.emitter = emitter;
        }

        synchronized void offer(Reading reading) {
            if (newest == null || reading.deviceTime().isAfter(newest)) {
                newest = reading.deviceTime();
                emitter.emit(reading);
            }
        }
    }
}
