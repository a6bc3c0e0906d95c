package dev.dispatch.order.repository;

import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
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
    private static final long RECONNECT_DELAY_MS = 1000;
    private static final Logger LOG = Logger.getLogger(OrderChangeFeed.class);

    private final BroadcastProcessor<UUID> changes = BroadcastProcessor.create();
    private final Vertx vertx;
    private final String url;
    private final String user;
    private final String password;
    private volatile PgSubscriber subscriber;
    private volatile boolean stopped;

    OrderChangeFeed(Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.vertx = vertx;
        this.url = url;
        this.user = user;
        this.password = password;
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
        PgConnectOptions options = PgConnectOptions.fromUri(url).setUser(user).setPassword(password);
        options.setMetricsName("order-changes"); // its own name, so its metrics do not clash with the pool's
        subscriber = PgSubscriber.subscriber(vertx, options)
                // After a lost connection the subscriber reconnects and LISTENs again by itself.
                .reconnectPolicy(attempt -> stopped ? -1L : RECONNECT_DELAY_MS);
        subscriber.channel(CHANNEL)
                .subscribeHandler(() -> changes.onNext(ANY))
                .handler(payload -> changes.onNext(UUID.fromString(payload)));
        connect();
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        if (subscriber != null) {
            subscriber.closeAndForget();
        }
    }

    // The reconnect policy only covers a connection that was once up: the first one is retried here.
    private void connect() {
        subscriber.connect().subscribe().with(
                ok -> LOG.debug("listening for order changes"),
                failure -> {
                    if (!stopped) {
                        LOG.warnf("cannot listen for order changes yet, retrying: %s", failure.getMessage());
                        vertx.setTimer(RECONNECT_DELAY_MS, id -> connect());
                    }
                });
    }
}
