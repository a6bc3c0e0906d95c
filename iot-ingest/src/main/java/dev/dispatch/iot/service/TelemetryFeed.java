package dev.dispatch.iot.service;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import dev.dispatch.iot.model.Binding;
import dev.dispatch.iot.model.Reading;
import dev.dispatch.iot.repository.TelemetryChangeFeed;
import dev.dispatch.iot.repository.TelemetryRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Live readings per device, as they are committed: what WatchTelemetry streams. A watcher gets the current
 * latest reading first, then every newer one; readings a watcher has not asked for (gRPC flow control) are
 * dropped for it rather than held in memory without bound. Readings this replica committed are passed on at once;
 * those another replica committed are read from the database when its NOTIFY names the device
 * ({@link TelemetryChangeFeed}), and only for devices someone here watches.
 */
@ApplicationScoped
public class TelemetryFeed {

    private final Map<String, Set<Watcher>> watchers = new ConcurrentHashMap<>();
    private static final Logger LOG = Logger.getLogger(TelemetryFeed.class);
    private static final int REMOTE_BATCH = 500;

    private final BoardFeed board;
    private final TelemetryRepository telemetry;

    TelemetryFeed(BoardFeed board, TelemetryRepository telemetry, TelemetryChangeFeed changes) {
        this.board = board;
        this.telemetry = telemetry;
        changes.changes().subscribe().with(this::storedElsewhere);
    }

    /** latest: reads the device's newest stored reading (or null), once the watcher is registered. */
    public Multi<Reading> watch(String deviceId, Uni<Reading> latest) {
        return Multi.createFrom().<Reading>emitter(emitter -> {
            Watcher watcher = new Watcher(emitter);
            // Register first, then send the latest: a reading committed in between is then sent, never missed.
            watchers.computeIfAbsent(deviceId, id -> ConcurrentHashMap.newKeySet()).add(watcher);
            emitter.onTermination(() -> watchers.computeIfPresent(deviceId, (id, set) -> {
                set.remove(watcher);
                return set.isEmpty() ? null : set;
            }));
            latest.subscribe().with(reading -> {
                if (reading != null) {
                    watcher.offer(reading);
                }
            }, emitter::fail);
        }, BackPressureStrategy.DROP);
    }

    /** A reading this replica committed (binding: the device's order then, or null). */
    void publish(Reading reading, Binding binding) {
        board.offer(reading, binding);
        deliver(reading);
    }

    private void storedElsewhere(Set<String> deviceIds) {
        for (String deviceId : deviceIds) {
            Set<Watcher> set = watchers.get(deviceId);
            if (set == null) {
                continue;
            }
            // After the oldest of its watchers' newest readings (each passes on only what is newer for it); the newest
            // alone when none has had one.
            Instant from = null;
            for (Watcher w : set) {
                Instant newest = w.newest();
                if (newest != null && (from == null || newest.isBefore(from))) {
                    from = newest;
                }
            }
            telemetry.after(deviceId, from, REMOTE_BATCH).subscribe().with(readings -> readings.forEach(this::deliver),
                    failure -> LOG.debugf("readings of %s stored by another replica not read: %s", deviceId, failure.toString()));
        }
    }

    private void deliver(Reading reading) {
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

        synchronized Instant newest() {
            return newest;
        }

        synchronized void offer(Reading reading) {
            if (newest == null || reading.deviceTime().isAfter(newest)) {
                newest = reading.deviceTime();
                emitter.emit(reading);
            }
        }
    }
}
