package dev.dispatch.order.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Events consumed from other services (table processed_event), so that a redelivered event is applied once. */
@ApplicationScoped
public class ProcessedEventRepository {

    /** True when the event is new; written in the transaction of the change it causes, so both commit or neither. */
    public Uni<Boolean> markProcessed(SqlClient tx, String eventId) {
        return tx.preparedQuery("INSERT INTO processed_event (event_id) VALUES ($1) ON CONFLICT (event_id) DO NOTHING")
                .execute(Tuple.of(eventId))
                .map(result -> result.rowCount() == 1);
    }
}
