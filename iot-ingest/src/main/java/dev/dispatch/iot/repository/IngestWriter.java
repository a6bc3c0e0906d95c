package dev.dispatch.iot.repository;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.dispatch.iot.model.Binding;
import dev.dispatch.iot.model.DeviceEvent;
import dev.dispatch.iot.model.DeviceStatus;
import dev.dispatch.iot.model.Reading;
import dev.dispatch.platform.dedupe.ProcessedEvents;
import dev.dispatch.platform.outbox.OutboxEvent;
import dev.dispatch.platform.outbox.OutboxStore;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes one ingest batch in the caller's transaction (which locked its devices and decided it), with a handful of statements whatever its size: presence changes,
 * all readings (one multi-row INSERT over unnest'ed arrays), last-seen times, the outbox events the batch decided,
 * then each delivery (guarded by processed_event, so a re-sent delivered event changes nothing). The outbox and the
 * dedupe are the shared ones ({@link OutboxStore}, {@link ProcessedEvents}).
 */
@ApplicationScoped
public class IngestWriter {

    /** A device's presence as of this batch. */
    public record Presence(String deviceId, DeviceStatus status, java.time.Instant registeredAt, java.time.Instant seenAt) {
    }

    /** A delivered event for the device's bound order, and the completed event it gives the first time. */
    public record Delivery(DeviceEvent event, Binding binding, OutboxEvent completed) {
    }

    public record Batch(List<Presence> presence, List<Reading> readings, List<OutboxEvent> events, List<Delivery> deliveries) {
    }

    private final Pool pool;

    IngestWriter(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    /** Writes the batch in the caller's transaction; the number of readings stored (a reading the database has already is not stored twice). */
    public Uni<Integer> write(SqlClient tx, Batch batch) {
        return presence(tx, batch.presence())
                .flatMap(none -> readings(tx, batch.readings()))
                .call(() -> OutboxStore.insert(tx, batch.events()))
                .call(() -> deliveries(tx, batch.deliveries()));
    }

    private Uni<Void> presence(SqlClient tx, List<Presence> changes) {
        if (changes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // One row per device (the last word of the batch), as ON CONFLICT cannot touch a row twice in one statement.
        Map<String, Presence> last = new LinkedHashMap<>();
        changes.forEach(p -> last.put(p.deviceId(), p));
        List<Presence> rows = new ArrayList<>(last.values());
        return tx.preparedQuery("""
                        INSERT INTO device (id, status, registered_at, last_seen_at)
                        SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[])
                        ON CONFLICT (id) DO UPDATE SET status = excluded.status,
                            last_seen_at = GREATEST(device.last_seen_at, excluded.last_seen_at)""")
                .execute(Tuple.from(Arrays.asList(
                        rows.stream().map(Presence::deviceId).toArray(String[]::new),
                        rows.stream().map(p -> p.status().name()).toArray(String[]::new),
                        rows.stream().map(p -> Timestamps.of(p.registeredAt())).toArray(OffsetDateTime[]::new),
                        rows.stream().map(p -> Timestamps.of(p.seenAt())).toArray(OffsetDateTime[]::new))))
                .replaceWithVoid();
    }

    private Uni<Integer> readings(SqlClient tx, List<Reading> readings) {
        if (readings.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        Map<String, OffsetDateTime> seen = new LinkedHashMap<>();
        readings.forEach(r -> seen.merge(r.deviceId(), Timestamps.of(r.receivedAt()), (a, b) -> a.isAfter(b) ? a : b));
        return tx.preparedQuery("""
                        INSERT INTO telemetry (device_id, device_time, received_at, latitude, longitude, cargo_temperature_c, battery_percent)
                        SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[], $4::float8[], $5::float8[], $6::float8[], $7::float8[])
                        ON CONFLICT (device_id, device_time) DO NOTHING""")
                .execute(Tuple.from(Arrays.asList(
                        readings.stream().map(Reading::deviceId).toArray(String[]::new),
                        readings.stream().map(r -> Timestamps.of(r.deviceTime())).toArray(OffsetDateTime[]::new),
                        readings.stream().map(r -> Timestamps.of(r.receivedAt())).toArray(OffsetDateTime[]::new),
                        readings.stream().map(Reading::latitude).toArray(Double[]::new),
                        readings.stream().map(Reading::longitude).toArray(Double[]::new),
                        readings.stream().map(Reading::cargoTemperatureC).toArray(Double[]::new),
                        readings.stream().map(Reading::batteryPercent).toArray(Double[]::new))))
                .map(rows -> rows.rowCount())
                .call(() -> tx.preparedQuery("""
                                UPDATE device d SET last_seen_at = v.seen
                                FROM unnest($1::text[], $2::timestamptz[]) AS v(id, seen)
                                WHERE d.id = v.id AND (d.last_seen_at IS NULL OR d.last_seen_at < v.seen)""")
                        .execute(Tuple.from(Arrays.asList(seen.keySet().toArray(String[]::new), seen.values().toArray(OffsetDateTime[]::new)))));
    }

    private Uni<Void> deliveries(SqlClient tx, List<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(deliveries)
                .onItem().transformToUniAndConcatenate(d -> ProcessedEvents.markProcessed(tx, source(d.event()), d.event().eventId().toString())
                        .flatMap(first -> !first ? Uni.createFrom().voidItem()
                                : tx.preparedQuery("""
                                                UPDATE order_binding SET ended_at = now(), delivered_at = $2, end_reason = 'delivered'
                                                WHERE order_id = $1 AND ended_at IS NULL""")
                                        .execute(Tuple.of(d.binding().orderId(), Timestamps.of(d.event().deviceTime())))
                                        .call(() -> OutboxStore.insert(tx, d.completed()))
                                        .replaceWithVoid()))
                .collect().last()
                .replaceWithVoid();
    }

    /** Which of these delivered events were processed already (re-sends, perhaps long after), as this transaction sees it. */
    public Uni<Set<UUID>> processed(SqlClient tx, List<DeviceEvent> delivered) {
        if (delivered.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return tx.preparedQuery("SELECT source, event_id FROM processed_event WHERE (source, event_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))")
                .execute(Tuple.of(delivered.stream().map(IngestWriter::source).toArray(String[]::new),
                        delivered.stream().map(e -> e.eventId().toString()).toArray(String[]::new)))
                .map(rows -> {
                    Set<UUID> seen = new HashSet<>();
                    rows.forEach(r -> seen.add(UUID.fromString(r.getString("event_id"))));
                    return seen;
                });
    }

    // Device event ids are chosen by devices: unique per device, so the device is the source (as in processed_event).
    private static String source(DeviceEvent event) {
        return "/devices/" + event.deviceId();
    }
}
