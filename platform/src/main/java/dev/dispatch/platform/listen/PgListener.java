package dev.dispatch.platform.listen;

import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;

/**
 * One LISTEN connection of this instance (its own, not the pool's) to PostgreSQL channels that every instance
 * NOTIFYs in its transactions, so a NOTIFY reaches every replica on commit and only then. After a lost connection it
 * reconnects and LISTENs again by itself and calls each channel's {@code onSubscribed}: NOTIFYs may have been missed
 * meanwhile, so the listener should look again. The first connection, which Vert.x's reconnect policy does not cover,
 * is retried here, with one WARN line until it succeeds.
 */
public final class PgListener {

    private static final Logger LOG = Logger.getLogger(PgListener.class);
    private static final long RECONNECT_DELAY_MS = 1000;

    private final Vertx vertx;
    private final String what;
    private final PgSubscriber subscriber;
    private volatile boolean stopped;
    private volatile boolean failing;

    /**
     * {@code what} names what is listened for in log lines ("order changes"); it is also the connection's metrics
     * name, so its metrics do not clash with the pool's.
     */
    public PgListener(Vertx vertx, String url, String user, String password, String what) {
        this.vertx = vertx;
        this.what = what;
        PgConnectOptions options = PgConnectOptions.fromUri(url).setUser(user).setPassword(password);
        options.setMetricsName(what.replace(' ', '-'));
        this.subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(attempt -> stopped ? -1L : RECONNECT_DELAY_MS);
    }

    /**
     * Listens on a channel: {@code onSubscribed} after each (re)subscription, {@code onPayload} for each NOTIFY. Both run
     * on the connection's event loop and must not block. Call before {@link #start()}.
     */
    public PgListener channel(String channel, Runnable onSubscribed, Consumer<String> onPayload) {
        subscriber.channel(channel).subscribeHandler(onSubscribed).handler(onPayload);
        return this;
    }

    public void start() {
        connect();
    }

    public void stop() {
        stopped = true;
        subscriber.closeAndForget();
    }

    private void connect() {
        subscriber.connect().subscribe().with(
                ok -> {
                    failing = false;
                    LOG.debugf("listening for %s", what);
                },
                failure -> {
                    if (stopped) {
                        return;
                    }
                    if (!failing) {
                        failing = true;
                        LOG.warnf("cannot listen for %s yet, retrying every second: %s", what, failure.getMessage());
                    }
                    vertx.setTimer(RECONNECT_DELAY_MS, id -> connect());
                });
    }
}
