package dev.dispatch.notification.repository;

import java.util.Optional;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Each user's notification preferences as JSON; a change is announced to every replica on commit. */
@ApplicationScoped
public class PreferenceRepository {

    /** The NOTIFY channel of preference changes (payload: {@code <user id length>:<user id><settings json>}). */
    public static final String CHANNEL = "notification_preferences";

    private final Pool pool;

    public PreferenceRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Optional<String>> find(String userId) {
        return pool.preparedQuery("SELECT settings::text FROM preference WHERE user_id = $1").execute(Tuple.of(userId))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(rows.iterator().next().getString(0)) : Optional.empty());
    }

    public Uni<Void> save(String userId, String settingsJson) {
        return pool.withTransaction(tx -> tx.preparedQuery("""
                INSERT INTO preference (user_id, settings) VALUES ($1, ($2::text)::jsonb)
                ON CONFLICT (user_id) DO UPDATE SET settings = excluded.settings, updated_at = now()""")
                .execute(Tuple.of(userId, settingsJson))
                .chain(() -> tx.preparedQuery("SELECT pg_notify($1, $2)")
                        .execute(Tuple.of(CHANNEL, userId.length() + ":" + userId + settingsJson)))
                .replaceWithVoid());
    }
}
