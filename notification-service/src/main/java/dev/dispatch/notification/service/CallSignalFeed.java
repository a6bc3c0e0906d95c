package dev.dispatch.notification.service;

import java.util.List;


import dev.dispatch.notification.config.NotificationConfig;
import dev.dispatch.notification.model.CallSignal;
import dev.dispatch.notification.repository.CallRepository;
import dev.dispatch.notification.repository.ChangeListener;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * This replica's view of every call signal, whichever replica stored it, in commit order: a NOTIFY (or, as a safety
 * net, a timer) makes it read the rows after its cursor and hand each to this replica's connections. So two peers on
 * different replicas reach each other, and a call's messages arrive in the order they were sent.
 */
@ApplicationScoped
public class CallSignalFeed {

    private static final int BATCH = 500;

    private final CallRepository repository;
    private final CallConnections connections;
    private final ChangeListener changes;
    private final NotificationConfig config;
    private final Vertx vertx;

    private final CursorReader<CallSignal> reader;
    private long timer = -1;

    public CallSignalFeed(CallRepository repository, CallConnections connections, ChangeListener changes, NotificationConfig config,
            Vertx vertx) {
        this.repository = repository;
        this.connections = connections;
        this.changes = changes;
        this.config = config;
        this.vertx = vertx;
        this.reader = new CursorReader<>("call signals", new CursorReader.Table<>() {
            @Override
            public Uni<Long> lastId() {
                return repository.lastSignalId();
            }

            @Override
            public Uni<List<CallSignal>> after(long id, int limit) {
                return repository.signalsAfter(id, limit);
            }
        }, BATCH, CallSignal::id, connections::deliver);
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts reading; at application start (public for a second replica in tests, before its listener starts). */
    public void start() {
        changes.onCallSignals(this::read);
        reader.start();
        timer = vertx.setPeriodic(config.feedPollInterval().toMillis(), id -> read());
    }

    public void stop() {
        reader.stop();
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Whether signals stored from now on reach this replica's connections. */
    public boolean started() {
        return reader.started();
    }

    void read() {
        reader.read();
    }
}
