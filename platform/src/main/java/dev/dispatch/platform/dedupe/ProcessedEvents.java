package dev.dispatch.platform.dedupe;

import java.time.OffsetDateTime;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Consumers dedupe by event: AMQP delivers at least once, so a redelivered event must change nothing twice. A
 * CloudEvent is identified by its source and id together (CloudEvents 1.0: ids are unique per source). The events
 * taken in are kept in the service's own table, created by its migration:
 *
 * <pre>
 * processed_event(source text not null, event_id text not null, received_at timestamptz not null default now(),
 *                 primary key (source, event_id))
 * </pre>
 */
public final class ProcessedEvents {

    private ProcessedEvents() {
    }

    /** True when the event is new; run it in the transaction of the change the event causes, so both commit or neither. */
    public static Uni<Boolean> markProcessed(SqlClient tx, String source, String eventId) {
        return tx.preparedQuery("INSERT INTO processed_event (source, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(source, eventId))
                .map(result -> result.rowCount() == 1);
    }

    /** Whether the event was taken in already (a read outside the transaction, e.g. to skip work early). */
    public static Uni<Boolean> isProcessed(SqlClient client, String source, String eventId) {
        return client.preparedQuery("SELECT 1 FROM processed_event WHERE source = $1 AND event_id = $2")
                .execute(Tuple.of(source, eventId))
                .map(rows -> rows.size() > 0);
    }

    /** Forgets events older than the cutoff (a redelivery comes within minutes, not days); the number forgotten. */
    public static Uni<Integer> forgetBefore(SqlClient client, OffsetDateTime cutoff) {
        return client.preparedQuery("DELETE FROM processed_event WHERE received_at < $1")
                .execute(Tuple.of(cutoff))
                .map(rows -> rows.rowCount());
    }
}
