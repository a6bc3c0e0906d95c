package dev.dispatch.notification.repository;

import java.util.function.Consumer;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.dispatch.platform.listen.PgListener;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * This replica's LISTEN connection (its own, not the pool's): says when any replica stored a notification
 * ({@link NotificationRepository#CHANNEL}), changed someone's preferences ({@link PreferenceRepository#CHANNEL}) or
 * stored call signals ({@link CallRepository#CHANNEL}).
 * After a lost connection it reconnects and LISTENs again by itself, and says so, since NOTIFYs may have been missed.
 */
@ApplicationScoped
public class ChangeListener {

    private static final Logger LOG = Logger.getLogger(ChangeListener.class);

    /** What the live feed does with the signals; called on the LISTEN connection's event loop, must not block. */
    public interface Changes {

        /** LISTEN was (re)established and a notification may have been missed, or one was stored: read after the cursor. */
        void notificationsStored();

        /**
         * A notification was stored; {@code payload} is its NOTIFY's ({@link NotificationRepository#announced}): the
         * notification itself, which may spare the read. By default, read.
         */
        default void notificationStored(String payload) {
            notificationsStored();
        }

        /** LISTEN on preference changes was (re)established: changes may have been missed. */
        void preferencesMayHaveChanged();

        void preferencesChanged(PreferenceRepository.Change change);
    }

    private final PreferenceRepository preferences;
    private final PgListener listener;
    private volatile Runnable callSignalsStored = () -> { };

    public ChangeListener(Vertx vertx, PreferenceRepository preferences,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.preferences = preferences;
        this.listener = new PgListener(vertx, url, user, password, "notification feed");
    }

    public void start(Changes changes) {
        // (Re)subscribed: something may have been missed meanwhile, so each signal says "look again".
        listener.channel(NotificationRepository.CHANNEL, changes::notificationsStored, changes::notificationStored)
                .channel(PreferenceRepository.CHANNEL, changes::preferencesMayHaveChanged,
                        payload -> preferenceChanged(payload, changes::preferencesChanged))
                .channel(CallRepository.CHANNEL, () -> callSignalsStored.run(), payload -> callSignalsStored.run())
                .start();
    }

    /**
     * What the calls' signal feed does when call signals were stored ({@link CallRepository#CHANNEL}), or LISTEN was
     * (re)established and one may have been missed: read after its cursor. Called on the LISTEN connection's event loop.
     */
    public void onCallSignals(Runnable stored) {
        this.callSignalsStored = stored;
    }

    public void stop() {
        listener.stop();
    }

    private void preferenceChanged(String payload, Consumer<PreferenceRepository.Change> changed) {
        try {
            changed.accept(preferences.change(payload));
        } catch (RuntimeException e) {
            LOG.warnf("ignoring a malformed preference change notification: %s", e.getMessage());
        }
    }
}
