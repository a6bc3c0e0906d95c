package dev.dispatch.order.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The order events in the outbox table (outbox_event), read back by order. Writing and relaying them is the
 * platform's outbox ({@code dev.dispatch.platform.outbox}); aggregate_id holds the order id as text.
 */
@ApplicationScoped
public class OrderEventRepository {

    private final Pool pool;

    OrderEventRepository(Pool pool) {
        this.pool = pool;
    }

    /** The events of one order after the given version, oldest first (what a watcher has not seen yet). */
    public Uni<List<StoredEvent>> eventsAfter(UUID orderId, long version) {
        return pool.preparedQuery("""
                        SELECT id, type, aggregate_version, payload::text AS body FROM outbox_event
                        WHERE aggregate_id = $1 AND aggregate_version > $2 ORDER BY aggregate_version""")
                .execute(Tuple.of(orderId.toString(), version))
                .map(rows -> {
                    List<StoredEvent> events = new ArrayList<>();
                    rows.forEach(r -> events.add(new StoredEvent(r.getUUID("id").toString(), r.getString("type"),
                            r.getLong("aggregate_version"), r.getString("body"))));
                    return events;
                });
    }
}
