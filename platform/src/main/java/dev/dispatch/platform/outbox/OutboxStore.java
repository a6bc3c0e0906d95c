package dev.dispatch.platform.outbox;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.dispatch.platform.cloudevents.TraceContext;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The statements of the transactional outbox, on a service's own table:
 *
 * <pre>
 * outbox_event(seq bigserial primary key, id uuid unique, address text, aggregate_id text, aggregate_version bigint null,
 *              type text, payload jsonb, created_at timestamptz, published_at timestamptz null,
 *              traceparent text null, tracestate text null)
 * </pre>
 *
 * Each service creates the table by its own migration (it owns its schema); these are the only statements the relay
 * needs. Stateless: every method takes the client or connection it runs on.
 */
public final class OutboxStore {

    private OutboxStore() {
    }

    /** Written in the transaction of the change it announces, never on its own; in the order given, one statement. */
    public static Uni<Void> insert(SqlClient tx, List<OutboxEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("""
                        INSERT INTO outbox_event (id, address, aggregate_id, aggregate_version, type, payload, traceparent, tracestate)
                        SELECT e.id, e.address, e.aggregate_id, e.aggregate_version, e.type, e.payload::jsonb, e.traceparent, e.tracestate
                        FROM unnest($1::uuid[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::text[])
                             WITH ORDINALITY AS e(id, address, aggregate_id, aggregate_version, type, payload, traceparent, tracestate, ord)
                        ORDER BY e.ord""")
                .execute(Tuple.from(Arrays.asList(
                        events.stream().map(OutboxEvent::id).toArray(java.util.UUID[]::new),
                        events.stream().map(OutboxEvent::address).toArray(String[]::new),
                        events.stream().map(OutboxEvent::aggregateId).toArray(String[]::new),
                        events.stream().map(OutboxEvent::aggregateVersion).toArray(Long[]::new),
                        events.stream().map(OutboxEvent::type).toArray(String[]::new),
                        events.stream().map(OutboxEvent::body).toArray(String[]::new),
                        events.stream().map(e -> e.trace() == null ? null : e.trace().traceparent()).toArray(String[]::new),
                        events.stream().map(e -> e.trace() == null ? null : e.trace().tracestate()).toArray(String[]::new))))
                .replaceWithVoid();
    }

    public static Uni<Void> insert(SqlClient tx, OutboxEvent event) {
        return insert(tx, List.of(event));
    }

    /** The oldest unpublished events, in the order they were written. */
    public static Uni<List<PendingEvent>> pending(SqlClient client, int limit) {
        return client.preparedQuery("""
                        SELECT seq, id, address, aggregate_id, type, payload::text AS body, traceparent, tracestate FROM outbox_event
                        WHERE published_at IS NULL ORDER BY seq LIMIT $1""")
                .execute(Tuple.of(limit))
                .map(rows -> {
                    List<PendingEvent> events = new ArrayList<>();
                    rows.forEach(r -> events.add(new PendingEvent(r.getLong("seq"), r.getUUID("id"), r.getString("address"),
                            r.getString("aggregate_id"), r.getString("type"), r.getString("body"),
                            TraceContext.of(r.getString("traceparent"), r.getString("tracestate")))));
                    return events;
                });
    }

    public static Uni<Void> markPublished(SqlClient client, long seq) {
        return markPublished(client, List.of(seq));
    }

    /** The events the broker accepted, one statement however many. */
    public static Uni<Void> markPublished(SqlClient client, List<Long> seqs) {
        if (seqs.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return client.preparedQuery("UPDATE outbox_event SET published_at = now() WHERE seq = ANY($1)")
                .execute(Tuple.of(seqs.toArray(Long[]::new)))
                .replaceWithVoid();
    }

    /** A session-level advisory lock: held until unlocked or the connection ends, so a relay that dies lets another take over. */
    public static Uni<Boolean> tryLock(SqlConnection connection, long key) {
        return connection.preparedQuery("SELECT pg_try_advisory_lock($1) AS locked")
                .execute(Tuple.of(key))
                .map(rows -> rows.iterator().next().getBoolean("locked"));
    }

    public static Uni<Void> unlock(SqlConnection connection, long key) {
        return connection.preparedQuery("SELECT pg_advisory_unlock($1)")
                .execute(Tuple.of(key))
                .replaceWithVoid();
    }
}
