package dev.dispatch.iot.repository;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** The transactional outbox of delivery events and device alerts (table outbox_event). */
@ApplicationScoped
public class OutboxRepository {

    private final Pool pool;

    OutboxRepository(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    /** Written in the transaction of the decision it announces, in the order given (one statement for all). */
    public Uni<Void> insert(SqlClient tx, List<NewEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("""
                        INSERT INTO outbox_event (id, address, aggregate_id, type, payload)
                        SELECT e.id, e.address, e.aggregate_id, e.type, e.payload::jsonb
                        FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[])
                             WITH ORDINALITY AS e(id, address, aggregate_id, type, payload, ord)
                        ORDER BY e.ord""")
                .execute(Tuple.from(Arrays.asList(
                        events.stream().map(NewEvent::id).toArray(UUID[]::new),
                        events.stream().map(NewEvent::address).toArray(String[]::new),
                        events.stream().map(NewEvent::aggregateId).toArray(String[]::new),
                        events.stream().map(NewEvent::type).toArray(String[]::new),
                        events.stream().map(NewEvent::body).toArray(String[]::new))))
                .replaceWithVoid();
    }

    /** The oldest unpublished events, in the order they were written. */
    public Uni<List<PendingEvent>> pending(SqlClient client, int limit) {
        return client.preparedQuery("""
                        SELECT seq, id, address, aggregate_id, type, payload::text AS body FROM outbox_event
                        WHERE published_at IS NULL ORDER BY seq LIMIT $1""")
                .execute(Tuple.of(limit))
                .map(rows -> {
                    List<PendingEvent> events = new ArrayList<>();
                    rows.forEach(r -> events.add(new PendingEvent(r.getLong("seq"), r.getUUID("id"), r.getString("address"),
                            r.getString("aggregate_id"), r.getString("type"), r.getString("body"))));
                    return events;
                });
    }

    public Uni<Void> markPublished(SqlClient client, long seq) {
        return client.preparedQuery("UPDATE outbox_event SET published_at = now() WHERE seq = $1")
                .execute(Tuple.of(seq))
                .replaceWithVoid();
    }

    /** A session-level advisory lock: held until unlocked or the connection ends, so a relay that dies lets another take over. */
    public Uni<Boolean> tryLock(SqlConnection connection, long key) {
        return connection.preparedQuery("SELECT pg_try_advisory_lock($1) AS locked")
                .execute(Tuple.of(key))
                .map(rows -> rows.iterator().next().getBoolean("locked"));
    }

    public Uni<Void> unlock(SqlConnection connection, long key) {
        return connection.preparedQuery("SELECT pg_advisory_unlock($1)")
                .execute(Tuple.of(key))
                .replaceWithVoid();
    }
}
