package dev.dispatch.iot.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.dispatch.iot.model.Binding;
import dev.dispatch.iot.model.DeviceStatus;
import dev.dispatch.iot.model.Reading;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Devices and active bindings as they are loaded into memory at start-up. */
@ApplicationScoped
public class DeviceRepository {

    private final Pool pool;

    DeviceRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<StoredDevice>> loadDevices() {
        return pool.query("""
                        SELECT d.id, d.status, d.registered_at, d.last_seen_at,
                               t.device_time, t.received_at, t.latitude, t.longitude, t.cargo_temperature_c, t.battery_percent,
                               c.version IS NOT NULL AND c.revoked_at IS NULL AS credentials_active, coalesce(c.version, 0) AS credentials_version
                        FROM device d
                        LEFT JOIN device_credential c ON c.device_id = d.id
                        LEFT JOIN LATERAL (SELECT * FROM telemetry t WHERE t.device_id = d.id ORDER BY t.device_time DESC LIMIT 1) t ON true""")
                .execute()
                .map(rows -> {
                    List<StoredDevice> devices = new ArrayList<>();
                    for (Row r : rows) {
                        Reading latest = r.getValue("device_time") == null ? null : TelemetryRepository.reading(r.getString("id"), r);
                        devices.add(new StoredDevice(r.getString("id"), DeviceStatus.valueOf(r.getString("status")),
                                Timestamps.instant(r.getOffsetDateTime("registered_at")),
                                Timestamps.instant(r.getOffsetDateTime("last_seen_at")), latest,
                                r.getBoolean("credentials_active"), r.getLong("credentials_version")));
                    }
                    return devices;
                });
    }

    /**
     * Registers the device, offline, unless it is stored already (an operator issuing its credentials before it ever
     * connected), in the caller's transaction; its registration time either way (the no-op update returns, and locks,
     * an existing row).
     */
    public Uni<Instant> createIfAbsent(SqlClient tx, String deviceId, Instant now) {
        return tx.preparedQuery("""
                        INSERT INTO device (id, status, registered_at) VALUES ($1, 'OFFLINE', $2)
                        ON CONFLICT (id) DO UPDATE SET id = excluded.id RETURNING registered_at""")
                .execute(Tuple.of(deviceId, Timestamps.of(now)))
                .map(rows -> Timestamps.instant(rows.iterator().next().getOffsetDateTime("registered_at")));
    }

    public Uni<List<Binding>> activeBindings() {
        return pool.query("""
                        SELECT order_id, device_id, customer_id, destination_latitude, destination_longitude, max_cargo_temperature_c
                        FROM order_binding WHERE ended_at IS NULL""")
                .execute()
                .map(rows -> {
                    List<Binding> bindings = new ArrayList<>();
                    rows.forEach(r -> bindings.add(BindingRepository.binding(r)));
                    return bindings;
                });
    }
}
