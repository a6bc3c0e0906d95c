package dev.dispatch.notification.repository;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dispatch.notification.config.NotificationConfig;
import dev.dispatch.notification.model.NewNotification;
import dev.dispatch.notification.model.Notification;
import dev.dispatch.notification.model.NotificationJson;
import dev.dispatch.notification.model.Recipient;
import dev.dispatch.platform.cloudevents.TraceContext;
import dev.dispatch.platform.dedupe.ProcessedEvents;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** The notification history all replicas share: storing (once per event) and reading it in seq order. */
@ApplicationScoped
public class NotificationRepository {

    /** The NOTIFY channel that tells every replica a notification was stored (payload: its seq). */
    public static final String CHANNEL = "notifications";

    static final String COLUMNS = "n.seq, n.event_id, n.type, n.order_id, n.customer_id, n.operators_only, n.time, n.text, n.data::text,"
            + " n.traceparent, n.tracestate";

    private final Pool pool;
    private final ObjectMapper mapper;
    private final NotificationJson json;
    private final NotificationConfig config;
    private final GroupedWrites<ToStore, Optional<Long>> stores;
    private final DistributionSummary groups;

    public NotificationRepository(Pool pool, ObjectMapper mapper, NotificationConfig config, MeterRegistry metrics) {
        this.pool = pool;
        this.mapper = mapper;
        this.json = new NotificationJson(mapper);
        this.config = config;
        this.stores = GroupedWrites.eachAloneOnFailure(config.storeGroupSize(), this::storeAll);
        this.groups = DistributionSummary.builder("notifications.store.group")
                .description("Events stored per committed transaction (group commit)").register(metrics);
    }

    /**
     * Stores a notification: under the store lock (so seq order is commit order), only if its event was never seen (the
     * seq, else empty), trimming the customer's history to its bound, and notifying every replica on commit (the NOTIFY
     * carries the notification: see {@link Announcement}). It keeps the current span's trace context (the consumer's),
     * which its pushes continue. Stores asked for while a transaction is on its way go together in the next one, in the
     * order asked ({@link GroupedWrites}); each completes when its own transaction committed.
     */
    public Uni<Optional<Long>> store(NewNotification n) {
        return store(n, (tx, customer) -> Uni.createFrom().voidItem());
    }

    /** The same, and {@code alsoWhenNew} (given the order's customer) in the same transaction when the event is new. */
    public Uni<Optional<Long>> store(NewNotification n, BiFunction<SqlClient, String, Uni<Void>> alsoWhenNew) {
        // The trace now: the transaction runs later, where this span is not current.
        return stores.add(new ToStore(n, alsoWhenNew, TraceContext.current()));
    }

    /** A notification waiting for its group's transaction. */
    private record ToStore(NewNotification notification, BiFunction<SqlClient, String, Uni<Void>> alsoWhenNew, TraceContext trace) {
    }

    /**
     * One transaction for a group, each store in turn. A short database hiccup should not cost a broker redelivery, so
     * the group is retried as a whole (which keeps its order); a store written alone after its group failed is not.
     */
    private Uni<List<Optional<Long>>> storeAll(List<ToStore> group, boolean alone) {
        Uni<List<Optional<Long>>> transaction = pool.withTransaction(tx -> {
            List<Optional<Long>> seqs = new ArrayList<>(group.size());
            long[] firstSeq = { Long.MAX_VALUE };
            Uni<Void> inTurn = tx.preparedQuery("SELECT pg_advisory_xact_lock($1)").execute(Tuple.of(config.storeLockKey())).replaceWithVoid();
            for (ToStore next : group) {
                inTurn = inTurn.chain(() -> storeOne(tx, next, firstSeq).invoke(seqs::add)).replaceWithVoid();
            }
            return inTurn.replaceWith(seqs);
        }).invoke(() -> groups.record(group.size()));
        return alone ? transaction : transaction.onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(1)).atMost(3);
    }

    private Uni<Optional<Long>> storeOne(SqlClient tx, ToStore s, long[] firstSeq) {
        NewNotification n = s.notification();
        return ProcessedEvents.markProcessed(tx, n.source(), n.eventId())
                .chain(isNew -> !isNew
                        ? Uni.createFrom().item(Optional.<Long>empty())
                        : owner(tx, n).chain(customer -> insert(tx, n, customer, s.trace())
                                .invoke(stored -> firstSeq[0] = Math.min(firstSeq[0], stored.announcement().seq()))
                                .call(stored -> ordinal(tx, customer, stored).chain(ordinal -> prune(tx, customer, ordinal, firstSeq[0])))
                                .call(stored -> s.alsoWhenNew().apply(tx, customer))
                                .call(stored -> tx.preparedQuery("SELECT pg_notify($1, $2)")
                                        .execute(Tuple.of(CHANNEL, stored.announcement().payload(mapper))))
                                .map(stored -> Optional.of(stored.announcement().seq()))));
    }

    /** The announcement a NOTIFY on {@link #CHANNEL} carries; empty for a bare seq: then read after the cursor. */
    public Optional<Announcement> announced(String payload) {
        return Announcement.parse(mapper, payload);
    }

    /** A notification just inserted: what its NOTIFY says, and its place in its customer's history (null: unknown). */
    private record Inserted(Announcement announcement, Long ordinal) {
    }

    /** Whose order it is: the event's word, remembered for later events that name only the order. */
    private Uni<String> owner(SqlClient tx, NewNotification n) {
        if (n.orderId() == null) {
            return Uni.createFrom().item(n.customerId());
        }
        if (n.customerId() != null) {
            return tx.preparedQuery("INSERT INTO order_owner (order_id, customer_id) VALUES ($1, $2) ON CONFLICT (order_id) DO NOTHING")
                    .execute(Tuple.of(n.orderId(), n.customerId()))
                    .replaceWith(n.customerId());
        }
        return tx.preparedQuery("SELECT customer_id FROM order_owner WHERE order_id = $1").execute(Tuple.of(n.orderId()))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getString(0) : null);
    }

    // Under the store lock, so the customer's newest ordinal is the one committed last.
    private Uni<Inserted> insert(SqlClient tx, NewNotification n, String customerId, TraceContext trace) {
        String partition = customerId == null ? "o.customer_id IS NULL" : "o.customer_id = $5";
        return tx.preparedQuery("""
                INSERT INTO notification (seq, event_id, source, type, order_id, customer_id, operators_only, time, text, data,
                                          traceparent, tracestate, customer_ordinal)
                VALUES (nextval('notification_seq'), $1, $2, $3, $4, $5, $6, $7, $8, ($9::text)::json, $10, $11,
                        -- the newest one's + 1; 1 for the first; null after a row of an older replica (numbered below)
                        coalesce((SELECT o.customer_ordinal + 1 FROM notification o WHERE %1$s ORDER BY o.seq DESC LIMIT 1),
                                 (SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM notification o WHERE %1$s))))
                RETURNING seq, time, customer_ordinal""".formatted(partition))
                .execute(Tuple.tuple(Arrays.asList(n.eventId(), n.source(), n.type(), n.orderId(), customerId,
                        n.operatorsOnly(), OffsetDateTime.ofInstant(n.time(), ZoneOffset.UTC), n.text(), n.dataJson(),
                        trace == null ? null : trace.traceparent(), trace == null ? null : trace.tracestate())))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    long seq = row.getLong(0);
                    // Rendered as a read of the row renders it: the time as stored, the data as given (json keeps its text).
                    String rendered = json.render(seq, n.eventId(), n.type(), n.orderId(), row.getOffsetDateTime(1).toInstant(),
                            n.text(), n.dataJson());
                    Notification stored = new Notification(seq, n.type(), n.orderId(), customerId, n.operatorsOnly(), rendered,
                            trace == null ? null : TraceContext.of(trace.traceparent(), trace.tracestate()));
                    return new Inserted(Announcement.of(stored), row.getLong(2));
                });
    }

    /**
     * The new row's ordinal. Unknown when a replica of the version before (during a rolling update) stored the newest one
     * without: then the customer's history is numbered again, oldest first, once.
     */
    private Uni<Long> ordinal(SqlClient tx, String customerId, Inserted inserted) {
        if (inserted.ordinal() != null) {
            return Uni.createFrom().item(inserted.ordinal());
        }
        String partition = customerId == null ? "customer_id IS NULL AND $1::text IS NULL" : "customer_id = $1";
        return tx.preparedQuery("""
                UPDATE notification n SET customer_ordinal = r.ordinal
                FROM (SELECT seq, row_number() OVER (ORDER BY seq) AS ordinal FROM notification WHERE %s) r
                WHERE n.seq = r.seq RETURNING r.ordinal""".formatted(partition))
                .execute(Tuple.of(customerId))
                .map(rows -> {
                    long newest = 0;
                    for (Row row : rows) {
                        newest = Math.max(newest, row.getLong(0));
                    }
                    return newest;
                });
    }

    /**
     * Keeps the newest history-size notifications of this customer (or of the events without one). Only the oldest are
     * ever deleted, so the history holds exactly newest - oldest + 1 rows: it reads its oldest row and deletes the
     * surplus from that end, never counting over the whole history. Rows of this transaction (from {@code firstSeq}) are
     * kept: their NOTIFY is on its way and a feed may read them back; a later store trims them.
     */
    private Uni<Void> prune(SqlClient tx, String customerId, long ordinal, long firstSeq) {
        if (ordinal <= config.historySize()) {
            return Uni.createFrom().voidItem(); // fewer than history-size ever stored: nothing can be over
        }
        String partition = customerId == null ? "customer_id IS NULL" : "customer_id = $4";
        String sql = "DELETE FROM notification WHERE seq = ANY(ARRAY(SELECT seq FROM notification WHERE " + partition
                + " AND seq < $3 ORDER BY seq LIMIT greatest(0, $1 - coalesce((SELECT customer_ordinal FROM notification WHERE "
                + partition + " ORDER BY seq LIMIT 1), $1) + 1 - $2)))";
        Tuple args = customerId == null ? Tuple.of(ordinal, (long) config.historySize(), firstSeq)
                : Tuple.of(ordinal, (long) config.historySize(), firstSeq, customerId);
        return tx.preparedQuery(sql).execute(args).replaceWithVoid();
    }

    /** Forgets the events taken in before the cutoff (kept only to drop duplicates); the number forgotten. */
    public Uni<Integer> forgetEventsBefore(OffsetDateTime cutoff) {
        return ProcessedEvents.forgetBefore(pool, cutoff);
    }

    /** Whose order it is, if an event said so. */
    public Uni<Optional<String>> ownerOf(String orderId) {
        return pool.preparedQuery("SELECT customer_id FROM order_owner WHERE order_id = $1").execute(Tuple.of(orderId))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(rows.iterator().next().getString(0)) : Optional.empty());
    }

    /** The newest seq stored so far (0 if none): where a replica's live feed starts. */
    public Uni<Long> lastSeq() {
        return pool.query("SELECT coalesce(max(seq), 0) FROM notification").execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** Everything stored after a seq, oldest first: what the live feed pushes next. */
    public Uni<List<Notification>> after(long seq, int limit) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM notification n WHERE n.seq > $1 ORDER BY n.seq LIMIT $2")
                .execute(Tuple.of(seq, limit))
                .map(this::toList);
    }

    /**
     * What a recipient may see with after < seq <= upTo (optionally of one order), at most the newest
     * {@code limit}, oldest first: the part of the history a reconnecting SSE client missed.
     */
    public Uni<List<Notification>> history(Recipient recipient, long after, long upTo, String orderId, int limit) {
        List<Object> args = new ArrayList<>(List.of(after, upTo, limit));
        StringBuilder where = new StringBuilder("n.seq > $1 AND n.seq <= $2");
        if (!recipient.operator()) {
            args.add(recipient.userId());
            where.append(" AND n.customer_id = $").append(args.size()).append(" AND NOT n.operators_only");
        }
        if (orderId != null) {
            args.add(orderId);
            where.append(" AND n.order_id = $").append(args.size());
        }
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM notification n WHERE " + where + " ORDER BY n.seq DESC LIMIT $3")
                .execute(Tuple.tuple(args))
                .map(this::toList)
                .map(NotificationRepository::oldestFirst);
    }

    List<Notification> toList(RowSet<Row> rows) {
        List<Notification> list = new ArrayList<>(rows.size());
        for (Row row : rows) {
            list.add(toNotification(row));
        }
        return list;
    }

    Notification toNotification(Row row) {
        long seq = row.getLong(0);
        String type = row.getString(2);
        String orderId = row.getString(3);
        String rendered = json.render(seq, row.getString(1), type, orderId, row.getOffsetDateTime(6).toInstant(), row.getString(7),
                row.getString(8));
        return new Notification(seq, type, orderId, row.getString(4), row.getBoolean(5), rendered,
                TraceContext.of(row.getString(9), row.getString(10)));
    }

    static List<Notification> oldestFirst(List<Notification> newestFirst) {
        Collections.reverse(newestFirst);
        return newestFirst;
    }
}
