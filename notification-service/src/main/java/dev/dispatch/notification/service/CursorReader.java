package dev.dispatch.notification.service;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

/**
 * Follows a table whose ids are its commit order, for a feed of this replica: reads the rows after its cursor and hands
 * each new one out, in order, under its lock. One read at a time; asked again while reading, it reads once more after.
 * A NOTIFY or a timer asks ({@link #read}); a failed read waits for the next ask (the database is reported elsewhere).
 * A NOTIFY that carries its row and the id before it spares the read when the cursor is there ({@link #offer}).
 * The notification feed and the call signals follow their tables with it.
 */
final class CursorReader<T> {

    private static final Logger LOG = Logger.getLogger(CursorReader.class);

    /** Where the rows come from: the id of the last one, and a batch of those after an id. */
    interface Table<T> {
        Uni<Long> lastId();

        Uni<List<T>> after(long id, int limit);
    }

    private final String what;
    private final Table<T> table;
    private final int batch;
    private final ToLongFunction<T> idOf;
    private final Consumer<T> handOut;

    private long cursor = -1; // guarded by this; -1 until the end of the table is known
    private boolean reading; // guarded by this
    private boolean readAgain; // guarded by this
    private volatile boolean stopped;

    /** {@code what}: the rows' name in log lines; {@code handOut} runs under the lock and must not block. */
    CursorReader(String what, Table<T> table, int batch, ToLongFunction<T> idOf, Consumer<T> handOut) {
        this.what = what;
        this.table = table;
        this.batch = batch;
        this.idOf = idOf;
        this.handOut = handOut;
    }

    /** At start-up (which may block): the end of the table at once, so the feed is ready; else the next read finds it. */
    void start() {
        try {
            long last = table.lastId().await().atMost(Duration.ofSeconds(5));
            synchronized (this) {
                if (cursor < 0) {
                    cursor = last;
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("cannot read the end of the %s yet, retrying: %s", what, e.getMessage());
        }
    }

    void stop() {
        stopped = true;
    }

    synchronized boolean started() {
        return cursor >= 0;
    }

    /** Runs {@code atCursor} with the cursor under the lock: no row is handed out meanwhile (-1: not started). */
    synchronized <R> R atCursor(LongFunction<R> atCursor) {
        return atCursor.apply(cursor);
    }

    /**
     * A row its NOTIFY carried, with the id of the row committed just before it: handed out now if that is where the
     * cursor is (nothing can be missing in between), else read from the table with whatever else is after the cursor.
     * Ids are commit order, so a row handed out here is never followed by an older one.
     */
    void offer(long previousId, T row) {
        synchronized (this) {
            if (!stopped && cursor >= 0 && cursor == previousId) {
                deliver(List.of(row));
                return;
            }
        }
        read();
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
            table.lastId().subscribe().with(last -> {
                synchronized (this) {
                    if (cursor < 0) {
                        cursor = last;
                        LOG.debugf("following the %s after %d", what, last);
                    }
                }
                doneReading(true);
            }, this::readFailed);
            return;
        }
        table.after(from, batch).subscribe().with(rows -> {
            deliver(rows);
            doneReading(rows.size() == batch);
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
        LOG.debugf("cannot read new %s: %s", what, failure.getMessage());
    }

    // Under the lock, so atCursor sees either all of a batch or none of it.
    private synchronized void deliver(List<T> rows) {
        for (T row : rows) {
            long id = idOf.applyAsLong(row);
            if (id <= cursor) {
                continue;
            }
            cursor = id;
            try {
                handOut.accept(row);
            } catch (RuntimeException e) {
                LOG.warnf(e, "%s %d could not be handed out", what, id);
            }
        }
    }
}
