package dev.dispatch.notification.service;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.jboss.logging.Logger;

import dev.dispatch.notification.config.NotificationConfig;
import dev.dispatch.notification.model.Notification;
import dev.dispatch.notification.repository.ChangeListener;
import dev.dispatch.notification.repository.NotificationRepository;
import dev.dispatch.notification.repository.PreferenceRepository;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * This replica's view of every stored notification, in seq order, whichever replica stored it: a NOTIFY carries the
 * notification, handed out as it comes when it follows the cursor; otherwise (or, as a safety net, on a timer) the feed
 * reads the rows after its cursor and hands each to the connections that want it. Each connection has a bounded queue
 * of its own; one that overflows fails alone and nobody waits.
 * <p>
 * Because seq order is commit order (see {@link NotificationRepository#store}), reading "seq > cursor" never
 * skips a row, and a connection attached at cursor c gets, live, exactly the notifications after c.
 * <p>
 * Every channel (WebSocket, SSE, and any protocol added later) attaches its connections here: this is the fan-out
 * the replicas share through the database.
 */
@ApplicationScoped
public class NotificationFeed {

    private static final Logger LOG = Logger.getLogger(NotificationFeed.class);

    /** A connection's place in the feed: it gets live what follows {@code cursor}; the rest is in the database. */
    public record Attachment(long cursor, Multi<Notification> live, Runnable detach) {
    }

    /** A connection's bounded queue. Overflow is acted on at once, not when the stuck connection gets to it. */
    private final class Listener {
        private final Predicate<Notification> wants;
        private final Backlog<Notification> waiting;
        private final UnicastProcessor<Notification> queue;
        private final Runnable onOverflow;

        Listener(Predicate<Notification> wants, int bound, Runnable onOverflow, ServerSide serverSide) {
            this.wants = wants;
            this.waiting = new Backlog<>(bound, config.stallLimit(), System::nanoTime, serverSide);
            this.queue = UnicastProcessor.create(waiting, this::detach);
            this.onOverflow = onOverflow;
        }

        // Only deliver() adds to the queue, so a full queue cannot become fuller meanwhile.
        void offer(Notification notification) {
            if (!wants.test(notification)) {
                return;
            }
            if (waiting.full() || waiting.stalled()) {
                overflowed();
                return;
            }
            queue.onNext(notification); // never blocks
        }

        // A connection that takes nothing and is sent nothing new is caught here, on the feed's timer.
        void checkStalled() {
            if (waiting.stalled()) {
                overflowed();
            }
        }

        private void overflowed() {
            if (!listeners.remove(this)) {
                return; // already detached: acted on once
            }
            onOverflow.run(); // closes the connection, which cancels its stream
            // Ends the stream quietly should it still run (a failure would be dropped, and logged, once cancelled).
            queue.onComplete();
        }

        void detach() {
            listeners.remove(this);
        }
    }

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final NotificationRepository repository;
    private final PreferenceCache preferences;
    private final ChangeListener changes;
    private final NotificationConfig config;
    private final Vertx vertx;

    private final CursorReader<Notification> reader;
    private long timer = -1;

    public NotificationFeed(NotificationRepository repository, PreferenceCache preferences, ChangeListener changes,
            NotificationConfig config, Vertx vertx) {
        this.repository = repository;
        this.preferences = preferences;
        this.changes = changes;
        this.config = config;
        this.vertx = vertx;
        this.reader = new CursorReader<>("notifications", new CursorReader.Table<>() {
            @Override
            public Uni<Long> lastId() {
                return repository.lastSeq();
            }

            @Override
            public Uni<List<Notification>> after(long seq, int limit) {
                return repository.after(seq, limit);
            }
        }, config.feedBatchSize(), Notification::seq, this::handOut);
    }

    /** Whether the feed knows where the history ends, i.e. connections can be attached. */
    public boolean started() {
        return reader.started();
    }

    /**
     * Attaches a connection: from now on every notification it {@code wants} goes to its queue of at most
     * {@code bound} waiting items. One more, or one waiting longer than the stall limit while the connection takes none
     * ({@link Backlog}), and the connection is detached and {@code onOverflow} runs, at once, on the feed's thread (it
     * must not block; it should close the connection). Ending the stream, or
     * {@code detach}, detaches it.
     *
     * @throws FeedNotStartedException while the feed does not know the end of the history yet
     */
    public Attachment attach(Predicate<Notification> wants, int bound, Runnable onOverflow) {
        return attach(wants, bound, onOverflow, new ServerSide());
    }

    /** The same, for a connection whose deliveries have a part that is the server's work ({@link ServerSide}). */
    public Attachment attach(Predicate<Notification> wants, int bound, Runnable onOverflow, ServerSide serverSide) {
        // At the cursor, under the reader's lock: the connection gets live exactly what follows it.
        return reader.atCursor(cursor -> {
            if (cursor < 0) {
                throw new FeedNotStartedException();
            }
            Listener listener = new Listener(wants, bound, onOverflow, serverSide);
            listeners.add(listener);
            return new Attachment(cursor, listener.queue, listener::detach);
        });
    }

    /** Connections attached now (for metrics). */
    public int attached() {
        return listeners.size();
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts listening and reading; at application start (public for a second replica in tests). */
    public void start() {
        changes.start(new ChangeListener.Changes() {
            @Override
            public void notificationsStored() {
                read();
            }

            // Seqs are drawn under the store lock, one at a time: seq - 1 is the draw just before, committed or rolled
            // back. A cursor there has missed nothing; any other cursor (never a rolled-back seq) reads.
            @Override
            public void notificationStored(String payload) {
                repository.announced(payload).ifPresentOrElse(
                        stored -> reader.offer(stored.seq() - 1, stored.notification()), NotificationFeed.this::read);
            }

            @Override
            public void preferencesMayHaveChanged() {
                preferences.reloadAll();
            }

            @Override
            public void preferencesChanged(PreferenceRepository.Change change) {
                preferences.changed(change.userId(), change.preferences());
            }
        });
        reader.start();
        timer = vertx.setPeriodic(config.feedPollInterval().toMillis(), id -> {
            read();
            checkStalled();
        });
        read();
    }

    public void stop() {
        reader.stop();
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        changes.stop();
    }

    /** Reads what was stored after the cursor and hands it out; one read at a time, another one if asked meanwhile. */
    void read() {
        reader.read();
    }

    // Under the reader's lock, like a hand-out, so it never runs beside one.
    private void checkStalled() {
        reader.atCursor(cursor -> {
            for (Listener listener : listeners) {
                listener.checkStalled();
            }
            return null;
        });
    }

    // Under the reader's lock, so an attach sees either all of a batch before its cursor or none of it.
    private void handOut(Notification notification) {
        for (Listener listener : listeners) {
            try {
                listener.offer(notification);
            } catch (RuntimeException e) {
                LOG.warnf(e, "a connection could not take notification %d", notification.seq());
            }
        }
    }
}
