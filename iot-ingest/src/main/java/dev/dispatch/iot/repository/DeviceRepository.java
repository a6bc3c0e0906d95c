package dev.dispatch.iot.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.dispatch.iot.model.Binding;
import dev.dispatch.iot.model.CourierPresence;
import dev.dispatch.iot.model.Device;
import dev.dispatch.iot.model.DeviceState;
import dev.dispatch.iot.model.DeviceStatus;
import dev.dispatch.iot.model.Reading;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Devices as stored: reads for DeviceService (with the newest reading, the active binding and the credential state),
 * and what a transaction that decides for a device locks and writes back (the device row and its decision state,
 * V7). Every replica reads the same rows, so any of them answers and decides the same.
 */
@ApplicationScoped
public class DeviceRepository {

    private static final String DEVICE_COLUMNS = """
            SELECT d.id, d.status, d.registered_at, d.last_seen_at,
                   t.device_time, t.received_at, t.latitude, t.longitude, t.cargo_temperature_c, t.battery_percent,
                   c.version IS NOT NULL AND c.revoked_at IS NULL AS credentials_active,
                   b.order_id, b.device_id, b.customer_id, b.destination_latitude, b.destination_longitude, b.max_cargo_temperature_c
            FROM device d
            LEFT JOIN device_credential c ON c.device_id = d.id
            LEFT JOIN order_binding b ON b.device_id = d.id AND b.ended_at IS NULL
            LEFT JOIN LATERAL (SELECT * FROM telemetry t WHERE t.device_id = d.id ORDER BY t.device_time DESC LIMIT 1) t ON true
            """;

    private static final String STATE_COLUMNS = """
            SELECT id, status, registered_at, last_seen_at, newest_decided, progress_order_id, last_progress_at, temperature_above,
                   temperature_alerted, battery_alerted, offline_alerted, announced_presence, announced_order_id
            FROM device""";

    private final Pool pool;

    DeviceRepository(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    /** The device as stored now, or null. */
    public Uni<Device> find(String deviceId) {
        return pool.preparedQuery(DEVICE_COLUMNS + "WHERE d.id = $1").execute(Tuple.of(deviceId))
                .map(rows -> rows.size() == 0 ? null : device(rows.iterator().next()));
    }

    public Uni<Boolean> exists(String deviceId) {
        return pool.preparedQuery("SELECT 1 FROM device WHERE id = $1").execute(Tuple.of(deviceId)).map(rows -> rows.size() > 0);
    }

    /**
     * Devices by id (code points, as Java compares them), after afterId (exclusive, null: from the start), of the status
     * (null: any), among the ids (empty: all), at most limit.
     */
    public Uni<List<Device>> list(Collection<String> onlyIds, DeviceStatus status, String afterId, int limit) {
        return pool.preparedQuery(DEVICE_COLUMNS + """
                        WHERE ($1::text[] IS NULL OR d.id = ANY($1)) AND ($2::text IS NULL OR d.status = $2)
                          AND ($3::text IS NULL OR d.id COLLATE "C" > $3)
                        ORDER BY d.id COLLATE "C" LIMIT $4""")
                .execute(Tuple.from(Arrays.asList(onlyIds.isEmpty() ? null : onlyIds.toArray(String[]::new),
                        status == null ? null : status.name(), afterId, limit)))
                .map(rows -> {
                    List<Device> devices = new ArrayList<>(rows.size());
                    rows.forEach(r -> devices.add(device(r)));
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
                        INSERT INTO device (id, status, registered_at, offline_alerted, announced_presence) VALUES ($1, 'OFFLINE', $2, true, 'OFFLINE')
                        ON CONFLICT (id) DO UPDATE SET id = excluded.id RETURNING registered_at""")
                .execute(Tuple.of(deviceId, Timestamps.of(now)))
                .map(rows -> Timestamps.instant(rows.iterator().next().getOffsetDateTime("registered_at")));
    }

    /**
     * Registers the devices not stored yet (by their first online: id and when), in id order so that concurrent
     * batches never deadlock; the ids it created (locked by this transaction until it ends). Their decision state is
     * written by the caller.
     */
    public Uni<Set<String>> registerAbsent(SqlClient tx, Map<String, Instant> firstOnline) {
        if (firstOnline.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        List<String> ids = firstOnline.keySet().stream().sorted().toList();
        return tx.preparedQuery("""
                        INSERT INTO device (id, status, registered_at, last_seen_at)
                        SELECT v.id, 'ONLINE', v.at, v.at FROM unnest($1::text[], $2::timestamptz[]) WITH ORDINALITY AS v(id, at, n) ORDER BY v.n
                        ON CONFLICT (id) DO NOTHING RETURNING id""")
                .execute(Tuple.of(ids.toArray(String[]::new), ids.stream().map(id -> Timestamps.of(firstOnline.get(id))).toArray(OffsetDateTime[]::new)))
                .map(rows -> {
                    Set<String> created = new HashSet<>();
                    rows.forEach(r -> created.add(r.getString("id")));
                    return created;
                });
    }

    /**
     * The devices among these ids, each row locked until the transaction ends (in id order, so that concurrent batches
     * and binding changes never deadlock), with their decision state.
     */
    public Uni<Map<String, DeviceState>> lock(SqlClient tx, Collection<String> deviceIds) {
        return tx.preparedQuery(STATE_COLUMNS + " WHERE id = ANY($1) ORDER BY id FOR UPDATE")
                .execute(Tuple.of(deviceIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, DeviceState> states = new LinkedHashMap<>();
                    rows.forEach(r -> states.put(r.getString("id"), state(r)));
                    return states;
                });
    }

    /**
     * The active bindings of these devices, read after their rows were locked: a statement of its own, so that it sees
     * every binding change committed before the lock was granted (binding changes lock the device row first).
     */
    public Uni<Map<String, Binding>> activeBindings(SqlClient tx, Collection<String> deviceIds) {
        return tx.preparedQuery("""
                        SELECT order_id, device_id, customer_id, destination_latitude, destination_longitude, max_cargo_temperature_c
                        FROM order_binding WHERE device_id = ANY($1) AND ended_at IS NULL""")
                .execute(Tuple.of(deviceIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, Binding> bindings = new HashMap<>();
                    rows.forEach(r -> bindings.put(r.getString("device_id"), BindingRepository.binding(r)));
                    return bindings;
                });
    }

    /** Writes back the decision state of devices locked by {@link #lock} (status and last-seen are the batch's own writes). */
    public Uni<Void> saveEpisodes(SqlClient tx, Collection<DeviceState> devices) {
        if (devices.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> ids = new ArrayList<>();
        List<DeviceState.Episodes> values = new ArrayList<>();
        devices.forEach(d -> {
            ids.add(d.id());
            values.add(d.episodes());
        });
        return tx.preparedQuery("""
                        UPDATE device d SET newest_decided = v.nd, progress_order_id = v.po, last_progress_at = v.lp, temperature_above = v.ta,
                            temperature_alerted = v.tal, battery_alerted = v.ba, offline_alerted = v.oa, announced_presence = v.ap,
                            announced_order_id = v.ao
                        FROM unnest($1::text[], $2::timestamptz[], $3::uuid[], $4::timestamptz[], $5::int[], $6::bool[], $7::bool[], $8::bool[],
                                    $9::text[], $10::uuid[]) AS v(id, nd, po, lp, ta, tal, ba, oa, ap, ao)
                        WHERE d.id = v.id""")
                .execute(Tuple.from(Arrays.asList(
                        ids.toArray(String[]::new),
                        values.stream().map(e -> Timestamps.of(e.newestDecided())).toArray(OffsetDateTime[]::new),
                        values.stream().map(DeviceState.Episodes::progressOrder).toArray(UUID[]::new),
                        values.stream().map(e -> Timestamps.of(e.lastProgressAt())).toArray(OffsetDateTime[]::new),
                        values.stream().map(DeviceState.Episodes::temperatureAbove).toArray(Integer[]::new),
                        values.stream().map(DeviceState.Episodes::temperatureAlerted).toArray(Boolean[]::new),
                        values.stream().map(DeviceState.Episodes::batteryAlerted).toArray(Boolean[]::new),
                        values.stream().map(DeviceState.Episodes::offlineAlerted).toArray(Boolean[]::new),
                        values.stream().map(e -> e.announced() == null ? null : e.announced().name()).toArray(String[]::new),
                        values.stream().map(DeviceState.Episodes::announcedOrder).toArray(UUID[]::new))))
                .replaceWithVoid();
    }

    private static DeviceState state(Row r) {
        String announced = r.getString("announced_presence");
        DeviceState.Episodes episodes = new DeviceState.Episodes(Timestamps.instant(r.getOffsetDateTime("newest_decided")),
                r.getUUID("progress_order_id"), Timestamps.instant(r.getOffsetDateTime("last_progress_at")), r.getInteger("temperature_above"),
                r.getBoolean("temperature_alerted"), r.getBoolean("battery_alerted"), r.getBoolean("offline_alerted"),
                announced == null ? null : CourierPresence.valueOf(announced), r.getUUID("announced_order_id"));
        return DeviceState.restore(r.getString("id"), DeviceStatus.valueOf(r.getString("status")),
                Timestamps.instant(r.getOffsetDateTime("registered_at")), Timestamps.instant(r.getOffsetDateTime("last_seen_at")), episodes);
    }

    private static Device device(Row r) {
        String id = r.getString("id");
        Reading latest = r.getValue("device_time") == null ? null : TelemetryRepository.reading(id, r);
        Binding binding = r.getUUID("order_id") == null ? null : BindingRepository.binding(r);
        return new Device(id, DeviceStatus.valueOf(r.getString("status")), Timestamps.instant(r.getOffsetDateTime("registered_at")),
                Timestamps.instant(r.getOffsetDateTime("last_seen_at")), latest, binding, r.getBoolean("credentials_active"));
    }
}
