package dev.dispatch.iot.service;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

import dev.dispatch.iot.repository.SensorChangeFeed;
import dev.dispatch.iot.repository.SensorRepository;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Which sensor ids exist (revoked ones too), in memory, loaded at start-up and kept current by this instance's own
 * provisioning and by every instance's NOTIFYs ({@link SensorChangeFeed}): what a protocol adapter checks before it
 * keeps anything per sensor (so that requests for made-up ids cost no memory). It is not the record — the database
 * decides whether a key is active. Listeners hear of every change, on an event loop: they must not block.
 */
@ApplicationScoped
public class SensorDirectory {

    /** Told of changes to sensors, on an event loop. */
    public interface Listener {

        /** The ids were (re)loaded: anything may have changed meanwhile (start-up, or the LISTEN connection came back). */
        void loaded(Set<String> ids);

        /** The sensor's configuration changed. */
        void configChanged(String sensorId);

        /** The sensor was provisioned (perhaps new) or revoked. */
        void credentialsChanged(String sensorId);
    }

    private static final Logger LOG = Logger.getLogger(SensorDirectory.class);
    private static final long RETRY_MS = 2000;

    private final SensorRepository repository;
    private final SensorChangeFeed feed;
    private final Vertx vertx;
    private final Set<String> ids = ConcurrentHashMap.newKeySet();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean loading = new AtomicBoolean();
    private volatile boolean loaded;
    private volatile boolean failing;

    SensorDirectory(SensorRepository repository, SensorChangeFeed feed, Vertx vertx) {
        this.repository = repository;
        this.feed = feed;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent ignored) {
        feed.changes().subscribe().with(this::changed);
        load();
    }

    public void listen(Listener listener) {
        listeners.add(listener);
    }

    /** False until the ids were loaded once (then a request for an id not known cannot be told from one just added). */
    public boolean isLoaded() {
        return loaded;
    }

    public boolean isKnown(String sensorId) {
        return ids.contains(sensorId);
    }

    public Set<String> ids() {
        return Set.copyOf(ids);
    }

    /** A sensor provisioned by this instance, known at once (the NOTIFY to every instance follows). */
    void add(String sensorId) {
        ids.add(sensorId);
    }

    private void changed(SensorChangeFeed.Change change) {
        switch (change.kind()) {
            case RESUBSCRIBED -> load();
            case CONFIG -> {
                ids.add(change.sensorId());
                listeners.forEach(l -> safely(() -> l.configChanged(change.sensorId())));
            }
            case CREDENTIALS -> {
                ids.add(change.sensorId());
                listeners.forEach(l -> safely(() -> l.credentialsChanged(change.sensorId())));
            }
        }
    }

    private void load() {
        if (!loading.compareAndSet(false, true)) {
            return;
        }
        repository.ids().subscribe().with(all -> {
            ids.addAll(all);
            loaded = true;
            loading.set(false);
            if (failing) {
                failing = false;
                LOG.infof("%d sensors loaded", all.size());
            }
            Set<String> now = ids();
            listeners.forEach(l -> safely(() -> l.loaded(now)));
        }, failure -> {
            loading.set(false);
            if (!failing) {
                failing = true;
                LOG.warnf("cannot load the sensors yet, retrying every %d s: %s", RETRY_MS / 1000, failure.toString());
            }
            vertx.setTimer(RETRY_MS, id -> load());
        });
    }

    private static void safely(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warnf("a sensor change listener failed: %s", e.toString());
        }
    }
}
