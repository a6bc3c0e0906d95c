package dev.dispatch.iot.repository;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.dispatch.platform.listen.PgListener;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Sensor changes across all instances, through PostgreSQL LISTEN/NOTIFY (payload: the sensor id), NOTIFYed in the
 * transaction of the change, so that every instance hears it on commit and only then:
 * <ul>
 * <li>{@code sensor_config}: its configuration changed (observers of /sensors/{id}/config get it pushed);</li>
 * <li>{@code sensor_credentials}: it was provisioned (perhaps new) or revoked (open DTLS sessions under the old key end).</li>
 * </ul>
 * After each (re)subscription a {@link Change#resubscribed()} change: notifications may have been missed, look again.
 */
@ApplicationScoped
public class SensorChangeFeed {

    public enum Kind {
        CONFIG,
        CREDENTIALS,
        /** Listening (again): anything may have changed meanwhile. No sensor id. */
        RESUBSCRIBED
    }

    public record Change(Kind kind, String sensorId) {

        public static Change resubscribed() {
            return new Change(Kind.RESUBSCRIBED, null);
        }
    }

    static final String CONFIG_CHANNEL = "sensor_config";
    static final String CREDENTIALS_CHANNEL = "sensor_credentials";

    private final BroadcastProcessor<Change> changes = BroadcastProcessor.create();
    private final PgListener listener;

    SensorChangeFeed(Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.listener = new PgListener(vertx, url, user, password, "sensor changes")
                .channel(CONFIG_CHANNEL, () -> changes.onNext(Change.resubscribed()), id -> changes.onNext(new Change(Kind.CONFIG, id)))
                // One connection for both channels: one resubscription signal is enough.
                .channel(CREDENTIALS_CHANNEL, () -> { }, id -> changes.onNext(new Change(Kind.CREDENTIALS, id)));
    }

    /** Announces a configuration change; part of the caller's transaction. */
    public Uni<Void> configChanged(SqlClient tx, String sensorId) {
        return notify(tx, CONFIG_CHANNEL, sensorId);
    }

    /** Announces a new or revoked key (and so perhaps a new sensor); part of the caller's transaction. */
    public Uni<Void> credentialsChanged(SqlClient tx, String sensorId) {
        return notify(tx, CREDENTIALS_CHANNEL, sensorId);
    }

    /** A hot stream of changes, on the listening connection's event loop: subscribers must not block. */
    public Multi<Change> changes() {
        return changes;
    }

    void start(@Observes StartupEvent event) {
        listener.start();
    }

    void stop(@Observes ShutdownEvent event) {
        listener.stop();
    }

    private static Uni<Void> notify(SqlClient tx, String channel, String sensorId) {
        return tx.preparedQuery("SELECT pg_notify($1, $2)").execute(Tuple.of(channel, sensorId)).replaceWithVoid();
    }
}
