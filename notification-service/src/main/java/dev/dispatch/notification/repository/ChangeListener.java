package dev.dispatch.notification.repository;

import java.util.function.Consumer;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * This replica's LISTEN connection (its own, not the pool's): says when any replica stored a notification
 * ({@link NotificationRepository#CHANNEL}) or changed someone's preferences ({@link PreferenceRepository#CHANNEL}).
 * After a lost connection it reconnects and LISTENs again by itself, and says so, since NOTIFYs may have been missed.
 */
@ApplicationScoped
public class ChangeListener {

    private static final Logger LOG = Logger.getLogger(ChangeListener.class);
    private static final long RECONNECT_DELAY_MS = 1000;

    /** What the live feed does with the signals; called on the LISTEN connection's event loop, must not block. */
    public interface Changes {

        /** A notification was stored, or LISTEN was (re)established and one may have been missed: read after the cursor. */
        void notificationsStored();

        /** LISTEN on preference changes was (re)established: changes may have been missed. */
        void preferencesMayHaveChanged();

        void preferencesChanged(PreferenceRepository.Change change);
    }

    private final Vertx vertx;
    private final PreferenceRepository preferences;
    private final PgConnectOptions connectOptions;
    private volatile boolean stopped;
    private volatile boolean listenFailed;
    private PgSubscriber subscriber;

    public ChangeListener(Vertx vertx, PreferenceRepository preferences,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.vertx = vertx;
        this.preferences = preferences;
        this.connectOptions = PgConnectOptions.fromUri(url).setUser(user).setPassword(password);
        // its own metrics name, so they do not clash with the pool's
        this.connectOptions.setMetricsName("notification-feed");
    }

    public void start(Changes changes) {
        subscriber = PgSubscriber.subscriber(vertx, connectOptions)
                // After a lost connection the subscriber reconnects and LISTENs again by itself.
                .reconnectPolicy(attempt -> stopped ? -1L : RECONNECT_DELAY_MS);
        subscriber.channel(NotificationRepository.CHANNEL)
                .subscribeHandler(changes::notificationsStored) // (re)subscribed: something may have been missed meanwhile
                .handler(seq -> changes.notificationsStored());
        subscriber.channel(PreferenceRepository.CHANNEL)
                .subscribeHandler(changes::preferencesMayHaveChanged)
                .handler(payload -> preferenceChanged(payload, changes::preferencesChanged));
        listen();
    }

    public void stop() {
        stopped = true;
        if (subscriber != null) {
            subscriber.closeAndForget();
        }
    }

    // The reconnect policy covers a connection that was once up; the first one is retried here, said once.
    private void listen() {
        subscriber.connect().subscribe().with(
                ok -> LOG.debug("listening for notifications"),
                failure -> {
                    if (!stopped) {
                        if (!listenFailed) {
                            listenFailed = true;
                            LOG.warnf("cannot listen for notifications yet, retrying every second: %s", failure.getMessage());
                        }
                        vertx.setTimer(RECONNECT_DELAY_MS, id -> listen());
                    }
                });
    }

    private void preferenceChanged(String payload, Consumer<PreferenceRepository.Change> changed) {
        try {
            changed.accept(preferences.change(payload));
        } catch (RuntimeException e) {
            LOG.warnf("ignoring a malformed preference change notification: %s", e.getMessage());
        }
    }
}
