package dev.dispatch.iot.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.dispatch.iot.config.IngestConfig;
import dev.dispatch.iot.model.Overloaded;
import dev.dispatch.iot.model.SensorAlertRules;
import dev.dispatch.iot.model.SensorEpisodes;
import dev.dispatch.iot.model.SensorReading;
import dev.dispatch.iot.model.UnknownSensor;
import dev.dispatch.iot.outbox.EventRelay;
import dev.dispatch.iot.outbox.OutgoingEvents;
import dev.dispatch.iot.repository.SensorReadingRepository;
import dev.dispatch.iot.repository.SensorRepository;
import dev.dispatch.platform.outbox.OutboxEvent;
import dev.dispatch.platform.outbox.OutboxStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A sensor's validated readings in, whichever protocol brought them: stored in batches (every {@code flush-every}, or
 * at once when {@code max-size} readings wait), one transaction per batch, and each request answered once its
 * batch committed, with the number of its readings stored (a reading the database has already is not stored twice).
 * <p>
 * In that transaction: the sensors' alert rows are locked and their courier's active order read; each reading is
 * bound to that order and decides the sensor's alert episodes ({@link SensorAlertRules}); readings, episodes,
 * last-seen times and the alerts (outbox, published after commit by the relay) are written together. So episodes
 * survive restarts and any number of instances decide each once. A sensor unknown or revoked fails its own request
 * ({@link UnknownSensor}) and nothing else; a batch that cannot be committed fails its requests (the sensors retry:
 * nothing is kept that the sensor was not told is stored). At most {@code capacity} requests wait ({@link Overloaded}).
 */
@ApplicationScoped
public class SensorIngest {

    private record Entry(String sensorId, List<SensorReading> readings, UniEmitter<? super Integer> emitter) {
    }

    /** Per request (by its index in the batch): how many of its readings were stored, or -1 for an unknown sensor. */
    private record Written(Map<Integer, Integer> counts, boolean events) {
    }

    private record Plan(List<SensorReading> rows, Map<String, SensorEpisodes> episodes, Map<String, Instant> seen, List<OutboxEvent> events,
            Set<Integer> unknown) {
    }

    private final SensorRepository sensors;
    private final SensorReadingRepository readings;
    private final EventRelay relay;
    private final IngestConfig config;
    private final Vertx vertx;
    private final SensorAlertRules rules;
    private final Queue<Entry> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waitingEntries = new AtomicInteger();
    private final AtomicInteger waitingReadings = new AtomicInteger();
    private final AtomicBoolean flushing = new AtomicBoolean();
    private long timer = -1;

    SensorIngest(SensorRepository sensors, SensorReadingRepository readings, EventRelay relay, IngestConfig config, Vertx vertx) {
        this.sensors = sensors;
        this.readings = readings;
        this.relay = relay;
        this.config = config;
        this.vertx = vertx;
        IngestConfig.Alerts alerts = config.alerts();
        this.rules = new SensorAlertRules(alerts.batteryLowPercent(), alerts.batteryLowPercent() + alerts.batteryHysteresisPercent());
    }

    void start(@Observes StartupEvent ignored) {
        timer = vertx.setPeriodic(config.batch().flushEvery().toMillis(), id -> flush());
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Stores the sensor's readings (1..n, validated); the number stored once committed. */
    public Uni<Integer> ingest(String sensorId, List<SensorReading> sensorReadings) {
        return Uni.createFrom().emitter(emitter -> {
            if (waitingEntries.get() >= config.batch().capacity()) {
                emitter.fail(new Overloaded(waitingEntries.get() + " requests wait to be stored"));
                return;
            }
            queue.add(new Entry(sensorId, List.copyOf(sensorReadings), emitter));
            waitingEntries.incrementAndGet();
            if (waitingReadings.addAndGet(sensorReadings.size()) >= config.batch().maxSize()) {
                vertx.runOnContext(v -> flush());
            }
        });
    }

    void flush() {
        if (!flushing.compareAndSet(false, true)) {
            return;
        }
        List<Entry> batch = new ArrayList<>();
        int taken = 0;
        Entry entry;
        while (taken < config.batch().maxSize() && (entry = queue.poll()) != null) {
            batch.add(entry);
            taken += entry.readings().size();
        }
        if (batch.isEmpty()) {
            flushing.set(false);
            return;
        }
        int readingsTaken = taken;
        write(batch).subscribe().with(
                written -> done(batch, readingsTaken, () -> {
                    if (written.events()) {
                        relay.trigger();
                    }
                    answer(batch, written.counts());
                }),
                failure -> done(batch, readingsTaken, () -> batch.forEach(e -> e.emitter().fail(failure))));
    }

    private void done(List<Entry> batch, int readingsTaken, Runnable answer) {
        waitingEntries.addAndGet(-batch.size());
        int left = waitingReadings.addAndGet(-readingsTaken);
        flushing.set(false);
        answer.run();
        if (left >= config.batch().maxSize()) {
            vertx.runOnContext(v -> flush());
        }
    }

    private Uni<Written> write(List<Entry> batch) {
        Set<String> ids = new TreeSet<>();
        batch.forEach(e -> ids.add(e.sensorId()));
        return sensors.pool().withTransaction(tx -> sensors.lockForIngest(tx, ids).flatMap(targets -> {
            Plan plan = plan(batch, targets);
            return readings.insert(tx, plan.rows())
                    .call(() -> sensors.saveEpisodes(tx, plan.episodes()))
                    .call(() -> sensors.seen(tx, plan.seen()))
                    .call(() -> OutboxStore.insert(tx, plan.events()))
                    .map(stored -> new Written(counts(batch, plan, stored), !plan.events().isEmpty()));
        }));
    }

    /** What the batch writes and decides, in arrival order, each request's readings by time. */
    private Plan plan(List<Entry> batch, Map<String, SensorRepository.IngestTarget> targets) {
        List<SensorReading> rows = new ArrayList<>();
        Map<String, SensorEpisodes> episodes = new LinkedHashMap<>();
        Map<String, Instant> seen = new HashMap<>();
        List<OutboxEvent> events = new ArrayList<>();
        Set<Integer> unknown = new HashSet<>();
        Set<SensorReadingRepository.Key> inBatch = new HashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            Entry entry = batch.get(i);
            SensorRepository.IngestTarget target = targets.get(entry.sensorId());
            if (target == null) {
                unknown.add(i);
                continue;
            }
            SensorEpisodes state = episodes.getOrDefault(entry.sensorId(), target.episodes());
            List<SensorReading> ordered = new ArrayList<>(entry.readings());
            ordered.sort(Comparator.comparing(SensorReading::sensorTime));
            for (SensorReading reading : ordered) {
                if (!inBatch.add(new SensorReadingRepository.Key(reading.sensorId(), reading.sensorTime()))) {
                    continue; // the same reading twice in this batch: stored and decided once
                }
                SensorReading bound = reading.boundTo(target.binding() == null ? null : target.binding().orderId());
                rows.add(bound);
                SensorAlertRules.Outcome outcome = rules.decide(state, target.courierDeviceId(), target.config(), target.binding(), bound);
                state = outcome.episodes();
                outcome.alerts().forEach(alert -> events.add(OutgoingEvents.of(alert)));
                seen.merge(entry.sensorId(), reading.receivedAt(), (a, b) -> a.isAfter(b) ? a : b);
            }
            episodes.put(entry.sensorId(), state);
        }
        return new Plan(rows, episodes, seen, events, unknown);
    }

    private static Map<Integer, Integer> counts(List<Entry> batch, Plan plan, Set<SensorReadingRepository.Key> stored) {
        Map<Integer, Integer> counts = new HashMap<>();
        Set<SensorReadingRepository.Key> counted = new HashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            if (plan.unknown().contains(i)) {
                counts.put(i, -1);
                continue;
            }
            int n = 0;
            for (SensorReading r : batch.get(i).readings()) {
                SensorReadingRepository.Key key = new SensorReadingRepository.Key(r.sensorId(), r.sensorTime());
                if (stored.contains(key) && counted.add(key)) {
                    n++;
                }
            }
            counts.put(i, n);
        }
        return counts;
    }

    private static void answer(List<Entry> batch, Map<Integer, Integer> counts) {
        for (int i = 0; i < batch.size(); i++) {
            Entry entry = batch.get(i);
            int n = counts.get(i);
            if (n < 0) {
                entry.emitter().fail(new UnknownSensor(entry.sensorId(), "is not provisioned or its key is revoked"));
            } else {
                entry.emitter().complete(n);
            }
        }
    }
}
