package dev.dispatch.order.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** The transactional outbox of order events (table outbox_event). */
@ApplicationScoped
public class OutboxRepository {

    private final Pool pool;

    OutboxRepository(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    /** Written in the transaction of the state change it announces, never on its own. */
    public Uni<Void> insert(SqlClient tx, UUID eventId, UUID orderId, long orderVersion, String type, JsonObject cloudEvent) {
        return tx.preparedQuery("INSERT INTO outbox_event (id, aggregate_id, aggregate_version, type, payload) VALUES ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(eventId, orderId, orderVersion, type, cloudEvent))
                .replaceWithVoid();
    }

    /** The oldest unpublished events, in the order they were written. */
    public Uni<List<PendingEvent>> pending(SqlClient client, int limit) {
        return client.preparedQuery("""
                        SELECT seq, id, aggregate_id, type, payload::text AS body FROM outbox_event
                        WHERE published_at IS NULL ORDER BY seq LIMIT $1""")
                .execute(Tuple.of(limit))
                .map(rows -> {
                    List<PendingEvent> events = new ArrayList<>();
                    rows.forEach(r -> events.add(new PendingEvent(r.getLong("seq"), r.getUUID("id"), r.getUUID("aggregate_id"),
                            r.getString("type"), r.getString("body"))));
                    return events;
                });
    }

    public Uni<Void> markPublished(SqlClient client, long seq) {
        return client.preparedQuery("UPDATE outbox_event SET published_at = now() WHERE seq = $1")
                .execute(Tuple.of(seq))
                .replaceWithVoid();
    }

    /** The events of one order after the given version, oldest first (what a watcher has not seen yet). */
    public Uni<List<StoredEvent>> eventsAfter(UUID orderId, long version) {
        return pool.preparedQuery("""
                        SELECT id, type, aggregate_version, payload::text AS body FROM outbox_event
                        WHERE aggregate_id = $1 AND aggregate_version > $2 ORDER BY aggregate_version""")
                .execute(Tuple.of(orderId, version))
                .map(rows -> {
                    List<StoredEvent> events = new ArrayList<>();
                    rows.forEach(r -> events.add(new StoredEvent(r.getUUID("id").toString(), r.getString("type"),
                            r.getLong("aggregate_version"), r.getString("body"))));
                    return events;
                });
    }

    /**
     * A session-level advisory lock: held by this connection until unlocked or until the connection
     * ends, so a relay that dies lets another instance take over.
     */
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
