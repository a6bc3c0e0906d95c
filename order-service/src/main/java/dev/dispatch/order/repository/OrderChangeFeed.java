package dev.dispatch.order.repository;

import java.util.UUID;

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
 * Order changes across all instances, through PostgreSQL LISTEN/NOTIFY: every state change notifies
 * in its own transaction (so the notification is delivered on commit, and only then), and every
 * instance listens on one connection of its own. A watcher on any instance thus sees changes made by
 * any instance.
 */
@ApplicationScoped
public class OrderChangeFeed {

    /** Emitted after (re)subscribing: notifications may have been missed, so every watcher looks again. */
    public static final UUID ANY = new UUID(0, 0);

    private static final String CHANNEL = "order_changes";

    private final BroadcastProcessor<UUID> changes = BroadcastProcessor.create();
    private final PgListener listener;

    OrderChangeFeed(Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.listener = new PgListener(vertx, url, user, password, "order changes")
                .channel(CHANNEL, () -> changes.onNext(ANY), payload -> changes.onNext(UUID.fromString(payload)));
    }

    /** Announces a change of the order; part of the caller's transaction. */
    public Uni<Void> notifyChange(SqlClient tx, UUID orderId) {
        return tx.preparedQuery("SELECT pg_notify($1, $2)").execute(Tuple.of(CHANNEL, orderId.toString())).replaceWithVoid();
    }

    /** A hot stream of changed order ids (and {@link #ANY}); subscribers need their own buffer. */
    public Multi<UUID> changes() {
        return changes;
    }

    void start(@Observes StartupEvent event) {
        listener.start();
    }

    void stop(@Observes ShutdownEvent event) {
        listener.stop();
    }
}
