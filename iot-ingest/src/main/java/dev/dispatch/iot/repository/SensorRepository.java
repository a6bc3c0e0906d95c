package dev.dispatch.iot.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.dispatch.iot.model.Binding;
import dev.dispatch.iot.model.Sensor;
import dev.dispatch.iot.model.SensorConfig;
import dev.dispatch.iot.model.SensorEpisodes;
import dev.dispatch.iot.model.SensorReading;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sensors (sensor, sensor_alert_state): provisioning and configuration, reads with the courier's active order and
 * the newest reading, and what the ingest transaction locks and updates. The order binding is read from
 * order_binding in the same statement, never from memory, so any instance decides the same.
 */
@ApplicationScoped
public class SensorRepository {

    /** A sensor's provisioned settings, as locked for a change. courierDeviceId may be null. */
    public record Settings(String id, String courierDeviceId, SensorConfig config) {
    }

    /**
     * What the ingest transaction needs of a sensor with an active key, its alert row locked: settings, the stored
     * episodes, and the order its courier is delivering (null: none).
     */
    public record IngestTarget(String sensorId, String courierDeviceId, SensorConfig config, SensorEpisodes episodes, Binding binding) {
    }

    private static final String SENSOR_COLUMNS = """
            SELECT s.id, s.courier_device_id, s.report_interval_seconds, s.max_temperature_c, s.max_shock_g, s.config_version,
                   s.provisioned_at, s.last_seen_at, (c.sensor_id IS NOT NULL AND c.revoked_at IS NULL) AS credentials_active,
                   b.order_id AS bound_order_id,
                   r.sensor_time, r.received_at, r.temperature_c, r.humidity_percent, r.shock_g, r.battery_percent, r.order_id
            FROM sensor s
            LEFT JOIN sensor_credential c ON c.sensor_id = s.id
            LEFT JOIN order_binding b ON b.device_id = s.courier_device_id AND b.ended_at IS NULL
            LEFT JOIN LATERAL (SELECT * FROM sensor_reading r WHERE r.sensor_id = s.id ORDER BY r.sensor_time DESC LIMIT 1) r ON true
            """;

    private final Pool pool;

    SensorRepository(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    /** Every sensor id there is (revoked ones too). */
    public Uni<List<String>> ids() {
        return pool.query("SELECT id FROM sensor").execute().map(rows -> {
            List<String> ids = new ArrayList<>(rows.size());
            rows.forEach(r -> ids.add(r.getString("id")));
            return ids;
        });
    }

    public Uni<Sensor> find(String sensorId) {
        return pool.preparedQuery(SENSOR_COLUMNS + "WHERE s.id = $1").execute(Tuple.of(sensorId))
                .map(rows -> rows.size() == 0 ? null : sensor(rows.iterator().next()));
    }

    /** The sensors riding with these couriers, or (none given) every sensor; by id (code points, whatever the database's collation). */
    public Uni<List<Sensor>> list(Collection<String> courierDeviceIds) {
        var query = courierDeviceIds.isEmpty()
                ? pool.preparedQuery(SENSOR_COLUMNS + "ORDER BY s.id COLLATE \"C\"").execute()
                : pool.preparedQuery(SENSOR_COLUMNS + "WHERE s.courier_device_id = ANY($1) ORDER BY s.id COLLATE \"C\"")
                        .execute(Tuple.of(courierDeviceIds.toArray(String[]::new)));
        return query.map(rows -> {
            List<Sensor> sensors = new ArrayList<>(rows.size());
            rows.forEach(r -> sensors.add(sensor(r)));
            return sensors;
        });
    }

    /** The configuration a sensor observes, or null when it is unknown or its key is revoked. */
    public Uni<SensorConfig> activeConfig(String sensorId) {
        return pool.preparedQuery("""
                        SELECT s.report_interval_seconds, s.max_temperature_c, s.max_shock_g, s.config_version FROM sensor s
                        JOIN sensor_credential c ON c.sensor_id = s.id AND c.revoked_at IS NULL WHERE s.id = $1""")
                .execute(Tuple.of(sensorId))
                .map(rows -> rows.size() == 0 ? null : config(rows.iterator().next()));
    }

    /** Creates the sensor (and its alert row) unless it exists; true if it was created. */
    public Uni<Boolean> createIfAbsent(SqlClient tx, String sensorId, String courierDeviceId, SensorConfig config) {
        return tx.preparedQuery("""
                        INSERT INTO sensor (id, courier_device_id, report_interval_seconds, max_temperature_c, max_shock_g, config_version)
                        VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING RETURNING id""")
                .execute(Tuple.from(Arrays.asList(sensorId, courierDeviceId, config.reportIntervalSeconds(), config.maxTemperatureC(),
                        config.maxShockG(), config.version())))
                .flatMap(rows -> rows.size() == 0 ? Uni.createFrom().item(false)
                        : tx.preparedQuery("INSERT INTO sensor_alert_state (sensor_id) VALUES ($1)").execute(Tuple.of(sensorId))
                                .replaceWith(true));
    }

    /** The sensor's settings, its row locked until the transaction ends; null if there is no such sensor. */
    public Uni<Settings> lock(SqlClient tx, String sensorId) {
        return tx.preparedQuery("""
                        SELECT id, courier_device_id, report_interval_seconds, max_temperature_c, max_shock_g, config_version
                        FROM sensor WHERE id = $1 FOR UPDATE""")
                .execute(Tuple.of(sensorId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    return new Settings(r.getString("id"), r.getString("courier_device_id"), config(r));
                });
    }

    public Uni<Void> update(SqlClient tx, Settings settings) {
        SensorConfig c = settings.config();
        return tx.preparedQuery("""
                        UPDATE sensor SET courier_device_id = $2, report_interval_seconds = $3, max_temperature_c = $4, max_shock_g = $5,
                            config_version = $6 WHERE id = $1""")
                .execute(Tuple.from(Arrays.asList(settings.id(), settings.courierDeviceId(), c.reportIntervalSeconds(), c.maxTemperatureC(),
                        c.maxShockG(), c.version())))
                .replaceWithVoid();
    }

    /**
     * The sensors among these ids that have an active key, each with its alert row locked until the transaction ends
     * (in id order, so concurrent batches never deadlock), and its courier's active order.
     */
    public Uni<Map<String, IngestTarget>> lockForIngest(SqlClient tx, Collection<String> sensorIds) {
        return tx.preparedQuery("""
                        SELECT s.id, s.courier_device_id, s.report_interval_seconds, s.max_temperature_c, s.max_shock_g, s.config_version,
                               a.temperature_alerted, a.temperature_order_id, a.shock_alerted, a.battery_alerted, a.newest_decided,
                               b.order_id, b.device_id, b.customer_id, b.destination_latitude, b.destination_longitude, b.max_cargo_temperature_c
                        FROM sensor s
                        JOIN sensor_credential c ON c.sensor_id = s.id AND c.revoked_at IS NULL
                        JOIN sensor_alert_state a ON a.sensor_id = s.id
                        LEFT JOIN order_binding b ON b.device_id = s.courier_device_id AND b.ended_at IS NULL
                        WHERE s.id = ANY($1)
                        ORDER BY s.id
                        FOR UPDATE OF a""")
                .execute(Tuple.of(sensorIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, IngestTarget> targets = new LinkedHashMap<>();
                    for (Row r : rows) {
                        SensorEpisodes episodes = new SensorEpisodes(r.getBoolean("temperature_alerted"), r.getUUID("temperature_order_id"),
                                r.getBoolean("shock_alerted"), r.getBoolean("battery_alerted"),
                                Timestamps.instant(r.getOffsetDateTime("newest_decided")));
                        Binding binding = r.getUUID("order_id") == null ? null : BindingRepository.binding(r);
                        targets.put(r.getString("id"), new IngestTarget(r.getString("id"), r.getString("courier_device_id"), config(r), episodes,
                                binding));
                    }
                    return targets;
                });
    }

    /** The episodes after a batch, for the sensors locked by {@link #lockForIngest}. */
    public Uni<Void> saveEpisodes(SqlClient tx, Map<String, SensorEpisodes> episodes) {
        if (episodes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> ids = new ArrayList<>(episodes.keySet());
        List<SensorEpisodes> values = ids.stream().map(episodes::get).toList();
        return tx.preparedQuery("""
                        UPDATE sensor_alert_state a SET temperature_alerted = v.t, temperature_order_id = v.o, shock_alerted = v.s,
                            battery_alerted = v.b, newest_decided = v.n
                        FROM unnest($1::text[], $2::bool[], $3::uuid[], $4::bool[], $5::bool[], $6::timestamptz[]) AS v(id, t, o, s, b, n)
                        WHERE a.sensor_id = v.id""")
                .execute(Tuple.from(Arrays.asList(
                        ids.toArray(String[]::new),
                        values.stream().map(SensorEpisodes::temperature).toArray(Boolean[]::new),
                        values.stream().map(SensorEpisodes::temperatureOrder).toArray(UUID[]::new),
                        values.stream().map(SensorEpisodes::shock).toArray(Boolean[]::new),
                        values.stream().map(SensorEpisodes::battery).toArray(Boolean[]::new),
                        values.stream().map(e -> Timestamps.of(e.newestDecided())).toArray(OffsetDateTime[]::new))))
                .replaceWithVoid();
    }

    /** When each sensor was last heard from (never moves back). */
    public Uni<Void> seen(SqlClient tx, Map<String, Instant> seen) {
        if (seen.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("""
                        UPDATE sensor s SET last_seen_at = v.seen
                        FROM unnest($1::text[], $2::timestamptz[]) AS v(id, seen)
                        WHERE s.id = v.id AND (s.last_seen_at IS NULL OR s.last_seen_at < v.seen)""")
                .execute(Tuple.from(Arrays.asList(seen.keySet().toArray(String[]::new),
                        seen.values().stream().map(Timestamps::of).toArray(OffsetDateTime[]::new))))
                .replaceWithVoid();
    }

    private static SensorConfig config(Row r) {
        return new SensorConfig(r.getInteger("report_interval_seconds"), r.getDouble("max_temperature_c"), r.getDouble("max_shock_g"),
                r.getLong("config_version"));
    }

    private static Sensor sensor(Row r) {
        String id = r.getString("id");
        SensorReading latest = r.getValue("sensor_time") == null ? null : SensorReadingRepository.reading(id, r);
        return new Sensor(id, r.getString("courier_device_id"), config(r), r.getBoolean("credentials_active"),
                Timestamps.instant(r.getOffsetDateTime("provisioned_at")), Timestamps.instant(r.getOffsetDateTime("last_seen_at")), latest,
                r.getUUID("bound_order_id"));
    }
}
