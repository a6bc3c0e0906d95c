package dev.dispatch.iot.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The devices' MQTT passwords (device_credential), as SHA-256 hashes only. Each change returns the row's new version,
 * so that the newer of two changes can be told apart.
 */
@ApplicationScoped
public class DeviceCredentialStore {

    private final Pool pool;

    DeviceCredentialStore(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    /** Stores a fresh password hash for the device, replacing (and un-revoking) any earlier one; in the caller's transaction. */
    public Uni<Long> issue(SqlClient tx, String deviceId, byte[] passwordHash) {
        return tx.preparedQuery("""
                        INSERT INTO device_credential (device_id, password_hash, issued_at, revoked_at) VALUES ($1, $2, now(), NULL)
                        ON CONFLICT (device_id) DO UPDATE SET password_hash = excluded.password_hash, issued_at = excluded.issued_at,
                            revoked_at = NULL, version = device_credential.version + 1
                        RETURNING version""")
                .execute(Tuple.of(deviceId, Buffer.buffer(passwordHash)))
                .map(rows -> rows.iterator().next().getLong("version"));
    }

    /** Deletes the device's password hash and marks it revoked (once); the new version, or null when it never had one. */
    public Uni<Long> revoke(String deviceId) {
        return pool.preparedQuery("""
                        UPDATE device_credential SET password_hash = NULL, revoked_at = coalesce(revoked_at, now()), version = version + 1
                        WHERE device_id = $1 RETURNING version""")
                .execute(Tuple.of(deviceId))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong("version"));
    }

    /** The hash of the device's active password, or null when it has none (unknown device, never issued, revoked). */
    public Uni<byte[]> activeHash(String deviceId) {
        return pool.preparedQuery("SELECT password_hash FROM device_credential WHERE device_id = $1 AND revoked_at IS NULL")
                .execute(Tuple.of(deviceId))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getBuffer("password_hash").getBytes());
    }
}
