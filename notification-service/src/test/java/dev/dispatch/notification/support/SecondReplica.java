package dev.dispatch.notification.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dispatch.notification.config.NotificationConfig;
import dev.dispatch.notification.model.Notification;
import dev.dispatch.notification.repository.ChangeListener;
import dev.dispatch.notification.repository.NotificationRepository;
import dev.dispatch.notification.repository.PreferenceRepository;
import dev.dispatch.notification.repository.PreferencesJson;
import dev.dispatch.notification.service.NotificationFeed;
import dev.dispatch.notification.service.PreferenceCache;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;

/**
 * The storage and live-feed half of another notification-service instance, in the test JVM: the service's own
 * classes with a connection pool and a LISTEN connection of their own on the same database, as a second replica
 * (another pod) has. Its intake stores as that replica would after taking an event from the shared queue.
 */
public final class SecondReplica implements AutoCloseable {

    private final Pool pool;
    private final NotificationRepository repository;
    private final NotificationFeed feed;
    private final List<Notification> seen = new CopyOnWriteArrayList<>();
    private Cancellable watching;

    public SecondReplica(Vertx vertx, ObjectMapper mapper, NotificationConfig config) {
        var settings = ConfigProvider.getConfig();
        String url = settings.getValue("quarkus.datasource.reactive.url", String.class);
        String user = settings.getValue("quarkus.datasource.username", String.class);
        String password = settings.getValue("quarkus.datasource.password", String.class);
        pool = Pool.newInstance(PgBuilder.pool()
                .connectingTo(PgConnectOptions.fromUri(url).setUser(user).setPassword(password))
                .using(vertx.getDelegate()).build());
        repository = new NotificationRepository(pool, mapper, config, new SimpleMeterRegistry());
        PreferenceRepository preferences = new PreferenceRepository(pool, new PreferencesJson(mapper));
        feed = new NotificationFeed(repository, new PreferenceCache(preferences), new ChangeListener(vertx, preferences, url, user, password),
                config, vertx);
    }

    /** Starts the feed and watches everything it pushes, as an operator's connection on that replica would. */
    public SecondReplica start() {
        feed.start();
        org.awaitility.Awaitility.await().atMost(WsClient.WAIT).until(feed::started);
        watching = feed.attach(n -> true, 1000, () -> { }).live().subscribe().with(seen::add);
        return this;
    }

    public NotificationRepository repository() {
        return repository;
    }

    public List<Notification> seen() {
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        if (watching != null) {
            watching.cancel();
        }
        feed.stop();
        pool.closeAndAwait();
    }
}
