package dev.dispatch.notification.service;

import java.time.Duration;
import java.util.List;

import org.jboss.logging.Logger;

import dev.dispatch.notification.config.NotificationConfig;
import dev.dispatch.notification.model.CallSignal;
import dev.dispatch.notification.repository.CallRepository;
import dev.dispatch.notification.repository.ChangeListener;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
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

    private static final Logger LOG = Logger.getLogger(CallSignalFeed.class);
    private static final int BATCH = 500;

    private final CallRepository repository;
    private final CallConnections connections;
    private final ChangeListener changes;
    private final NotificationConfig config;
    private final Vertx vertx;

    private long cursor = -1; // guarded by this; -1 until the end of the table is known
    private boolean reading; // guarded by this
    private boolean readAgain; // guarded by this
    private volatile boolean stopped;
    private long timer = -1;

    public CallSignalFeed(CallRepository repository, CallConnections connections, ChangeListener changes, NotificationConfig config,
            Vertx vertx) {
        this.repository = repository;
        this.connections = connections;
        this.changes = changes;
        this.config = config;
        this.vertx = vertx;
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
        try {
            long last = repository.lastSignalId().await().atMost(Duration.ofSeconds(5));
            synchronized (this) {
                if (cursor < 0) {
                    cursor = last;
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("cannot read the end of the call signals yet, retrying: %s", e.getMessage());
        }
        timer = vertx.setPeriodic(config.feedPollInterval().toMillis(), id -> read());
    }

    public void stop() {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Whether signals stored from now on reach this replica's connections. */
    public synchronized boolean started() {
        return cursor >= 0;
    }

    void read() {
        long from;
        synchronized (this) {
            if (stopped) {
                return;
            }
            if (reading) {
                readAgain = true;
                return;
            }
            reading = true;
            readAgain = false;
            from = cursor;
        }
        if (from < 0) {
            repository.lastSignalId().subscribe().with(last -> {
                synchronized (this) {
                    if (cursor < 0) {
                        cursor = last;
                    }
                }
                doneReading(false);
            }, this::readFailed);
            return;
        }
        repository.signalsAfter(from, BATCH).subscribe().with(batch -> {
            deliver(batch);
            doneReading(batch.size() == BATCH);
        }, this::readFailed);
    }

    private void doneReading(boolean more) {
        boolean again;
        synchronized (this) {
            reading = false;
            again = more || readAgain;
        }
        if (again) {
            read();
        }
    }

    private void readFailed(Throwable failure) {
        synchronized (this) {
            reading = false;
        }
        LOG.debugf("cannot read new call signals: %s", failure.getMessage());
    }

    private synchronized void deliver(List<CallSignal> batch) {
        for (CallSignal signal : batch) {
            if (signal.id() <= cursor) {
                continue;
            }
            cursor = signal.id();
            try {
                connections.deliver(signal);
            } catch (RuntimeException e) {
                LOG.warnf(e, "call signal %d could not be delivered", signal.id());
            }
        }
    }
}
