package dev.dispatch.iot.repository;

import java.security.GeneralSecurityException;

import org.jboss.logging.Logger;

import dev.dispatch.iot.config.IngestConfig;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The sensors' pre-shared keys (sensor_credential), sealed with {@link CredentialCipher} under
 * {@code dispatch.iot.coap.credential-key}. Created at start-up, so that a missing key in production stops the
 * service at once rather than at the first provisioning.
 */
@Startup
@ApplicationScoped
public class SensorCredentialStore {

    private static final Logger LOG = Logger.getLogger(SensorCredentialStore.class);

    private final Pool pool;
    private final CredentialCipher cipher;

    SensorCredentialStore(Pool pool, IngestConfig config) {
        this.pool = pool;
        this.cipher = CredentialCipher.fromConfig(config.coap().credentialKey(), LaunchMode.current().isDevOrTest(),
                () -> LOG.warn("dispatch.iot.coap.credential-key (DISPATCH_COAP_CREDENTIAL_KEY) is not set: the sensors' keys are stored "
                        + "under a development key derived from a fixed text. Set it (openssl rand -base64 32) anywhere it matters; "
                        + "the prod profile refuses to start without it."));
    }

    /** Stores a fresh key for the sensor, replacing (and un-revoking) any earlier one; in the caller's transaction. */
    public Uni<Void> issue(SqlClient tx, String sensorId, byte[] key) {
        CredentialCipher.Sealed sealed = cipher.seal(sensorId, key);
        return tx.preparedQuery("""
                        INSERT INTO sensor_credential (sensor_id, key_ciphertext, key_nonce, issued_at, revoked_at)
                        VALUES ($1, $2, $3, now(), NULL)
                        ON CONFLICT (sensor_id) DO UPDATE SET key_ciphertext = excluded.key_ciphertext, key_nonce = excluded.key_nonce,
                            issued_at = excluded.issued_at, revoked_at = NULL""")
                .execute(Tuple.of(sensorId, Buffer.buffer(sealed.ciphertext()), Buffer.buffer(sealed.nonce())))
                .replaceWithVoid();
    }

    /** Deletes the sensor's key and marks it revoked (once); false if the sensor has no credential row (unknown). */
    public Uni<Boolean> revoke(SqlClient tx, String sensorId) {
        return tx.preparedQuery("""
                        UPDATE sensor_credential SET key_ciphertext = NULL, key_nonce = NULL, revoked_at = coalesce(revoked_at, now())
                        WHERE sensor_id = $1 RETURNING sensor_id""")
                .execute(Tuple.of(sensorId))
                .map(rows -> rows.size() > 0);
    }

    /** The sensor's active key, or null when it has none (unknown or revoked) or it does not open under the configured key. */
    public Uni<byte[]> activeKey(String sensorId) {
        return pool.preparedQuery("SELECT key_ciphertext, key_nonce FROM sensor_credential WHERE sensor_id = $1 AND revoked_at IS NULL")
                .execute(Tuple.of(sensorId))
                .map(rows -> rows.size() == 0 ? null : open(sensorId, rows.iterator().next()));
    }

    private byte[] open(String sensorId, Row row) {
        try {
            return cipher.open(sensorId, row.getBuffer("key_ciphertext").getBytes(), row.getBuffer("key_nonce").getBytes());
        } catch (GeneralSecurityException e) {
            // Sealed under another credential-key (it was changed), or altered: the sensor needs a new key.
            LOG.warnf("the stored key of sensor %s does not open under dispatch.iot.coap.credential-key (was it changed?); "
                    + "provision the sensor again", sensorId);
            return null;
        }
    }
}
