package dev.dispatch.iot.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.dispatch.iot.model.Reading;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Telemetry history, read newest first per device (written by {@link IngestWriter}). */
@ApplicationScoped
public class TelemetryRepository {

    private final Pool pool;

    TelemetryRepository(Pool pool) {
        this.pool = pool;
    }

    /** The newest readings of each device, limit each, grouped by device in the order given, newest first. */
    public Uni<List<Reading>> newest(List<String> deviceIds, int limit) {
        return pool.preparedQuery("""
                        SELECT d.id, t.device_time, t.received_at, t.latitude, t.longitude, t.cargo_temperature_c, t.battery_percent
                        FROM unnest($1::text[]) WITH ORDINALITY AS d(id, ord)
                        CROSS JOIN LATERAL (SELECT * FROM telemetry t WHERE t.device_id = d.id ORDER BY t.device_time DESC LIMIT $2) t
                        ORDER BY d.ord, t.device_time DESC""")
                .execute(Tuple.of(deviceIds.toArray(String[]::new), limit))
                .map(rows -> {
                    List<Reading> readings = new ArrayList<>();
                    rows.forEach(r -> readings.add(reading(r.getString("id"), r)));
                    return readings;
                });
    }

    /** The device's readings newer (by device time) than after (null: its newest only), oldest first, at most limit. */
    public Uni<List<Reading>> after(String deviceId, Instant after, int limit) {
        var query = after == null
                ? pool.preparedQuery("SELECT * FROM telemetry WHERE device_id = $1 ORDER BY device_time DESC LIMIT 1").execute(Tuple.of(deviceId))
                : pool.preparedQuery("SELECT * FROM telemetry WHERE device_id = $1 AND device_time > $2 ORDER BY device_time LIMIT $3")
                        .execute(Tuple.of(deviceId, Timestamps.of(after), limit));
        return query.map(rows -> {
            List<Reading> readings = new ArrayList<>();
            rows.forEach(r -> readings.add(reading(deviceId, r)));
            return readings;
        });
    }

    static Reading reading(String deviceId, Row r) {
        return new Reading(deviceId, Timestamps.instant(r.getOffsetDateTime("device_time")),
                Timestamps.instant(r.getOffsetDateTime("received_at")), r.getDouble("latitude"), r.getDouble("longitude"),
                r.getDouble("cargo_temperature_c"), r.getDouble("battery_percent"));
    }
}
