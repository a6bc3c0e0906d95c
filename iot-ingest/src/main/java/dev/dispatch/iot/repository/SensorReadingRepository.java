package dev.dispatch.iot.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.dispatch.iot.model.SensorReading;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Sensor readings (sensor_reading): written a batch at a time in one statement, read newest first. */
@ApplicationScoped
public class SensorReadingRepository {

    /** A reading's identity: its sensor and its time. */
    public record Key(String sensorId, Instant sensorTime) {
    }

    private final Pool pool;

    SensorReadingRepository(Pool pool) {
        this.pool = pool;
    }

    /** Inserts the readings (one statement, whatever their number); the keys of those stored (a reading already there is not). */
    public Uni<Set<Key>> insert(SqlClient tx, List<SensorReading> readings) {
        if (readings.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return tx.preparedQuery("""
                        INSERT INTO sensor_reading (sensor_id, sensor_time, received_at, temperature_c, humidity_percent, shock_g,
                                                    battery_percent, order_id)
                        SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[], $4::float8[], $5::float8[], $6::float8[],
                                             $7::float8[], $8::uuid[])
                        ON CONFLICT (sensor_id, sensor_time) DO NOTHING
                        RETURNING sensor_id, sensor_time""")
                .execute(Tuple.from(Arrays.asList(
                        readings.stream().map(SensorReading::sensorId).toArray(String[]::new),
                        readings.stream().map(r -> Timestamps.of(r.sensorTime())).toArray(OffsetDateTime[]::new),
                        readings.stream().map(r -> Timestamps.of(r.receivedAt())).toArray(OffsetDateTime[]::new),
                        readings.stream().map(SensorReading::temperatureC).toArray(Double[]::new),
                        readings.stream().map(SensorReading::humidityPercent).toArray(Double[]::new),
                        readings.stream().map(SensorReading::shockG).toArray(Double[]::new),
                        readings.stream().map(SensorReading::batteryPercent).toArray(Double[]::new),
                        readings.stream().map(SensorReading::orderId).toArray(UUID[]::new))))
                .map(rows -> {
                    Set<Key> stored = new HashSet<>();
                    rows.forEach(r -> stored.add(new Key(r.getString("sensor_id"), Timestamps.instant(r.getOffsetDateTime("sensor_time")))));
                    return stored;
                });
    }

    /** The sensor's newest readings, newest first. */
    public Uni<List<SensorReading>> newest(String sensorId, int limit) {
        return pool.preparedQuery("""
                        SELECT sensor_time, received_at, temperature_c, humidity_percent, shock_g, battery_percent, order_id
                        FROM sensor_reading WHERE sensor_id = $1 ORDER BY sensor_time DESC LIMIT $2""")
                .execute(Tuple.of(sensorId, limit))
                .map(rows -> {
                    List<SensorReading> readings = new ArrayList<>(rows.size());
                    rows.forEach(r -> readings.add(reading(sensorId, r)));
                    return readings;
                });
    }

    static SensorReading reading(String sensorId, Row r) {
        return new SensorReading(sensorId, Timestamps.instant(r.getOffsetDateTime("sensor_time")),
                Timestamps.instant(r.getOffsetDateTime("received_at")), r.getDouble("temperature_c"), r.getDouble("humidity_percent"),
                r.getDouble("shock_g"), r.getDouble("battery_percent"), r.getUUID("order_id"));
    }
}
