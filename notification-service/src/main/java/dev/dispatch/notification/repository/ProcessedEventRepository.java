package dev.dispatch.notification.repository;

import java.time.OffsetDateTime;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** The ids of events taken in, for dropping duplicates; old ones are forgotten. */
@ApplicationScoped
public class ProcessedEventRepository {

    private final Pool pool;

    public ProcessedEventRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Integer> forgetBefore(OffsetDateTime cutoff) {
        return pool.preparedQuery("DELETE FROM processed_event WHERE received_at < $1").execute(Tuple.of(cutoff))
                .map(rows -> rows.rowCount());
    }
}
