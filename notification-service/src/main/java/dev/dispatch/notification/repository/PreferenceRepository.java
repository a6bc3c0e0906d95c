package dev.dispatch.notification.repository;

import java.util.Optional;

import dev.dispatch.notification.model.Preferences;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Each user's notification preferences as JSON; a change is announced to every replica on commit. */
@ApplicationScoped
public class PreferenceRepository {

    /** The NOTIFY channel of preference changes (payload: {@code <user id length>:<user id><settings json>}). */
    public static final String CHANNEL = "notification_preferences";

    /** A change of one user's preferences, as announced on {@link #CHANNEL}. */
    public record Change(String userId, Preferences preferences) {
    }

    private final Pool pool;
    private final PreferencesJson json;

    public PreferenceRepository(Pool pool, PreferencesJson json) {
        this.pool = pool;
        this.json = json;
    }

    public Uni<Optional<Preferences>> find(String userId) {
        return find(pool, userId);
    }

    /** The same, within a transaction. */
    public Uni<Optional<Preferences>> find(io.vertx.mutiny.sqlclient.SqlClient client, String userId) {
        return client.preparedQuery("SELECT settings::text FROM preference WHERE user_id = $1").execute(Tuple.of(userId))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(rows.iterator().next().getString(0)) : Optional.<String>empty())
                .map(stored -> stored.map(json::read));
    }

    public Uni<Void> save(String userId, Preferences preferences) {
        String settingsJson = json.write(preferences.switches());
        return pool.withTransaction(tx -> tx.preparedQuery("""
                INSERT INTO preference (user_id, settings) VALUES ($1, ($2::text)::jsonb)
                ON CONFLICT (user_id) DO UPDATE SET settings = excluded.settings, updated_at = now()""")
                .execute(Tuple.of(userId, settingsJson))
                .chain(() -> tx.preparedQuery("SELECT pg_notify($1, $2)")
                        .execute(Tuple.of(CHANNEL, userId.length() + ":" + userId + settingsJson)))
                .replaceWithVoid());
    }

    /** Reads a payload of {@link #CHANNEL}; fails with a RuntimeException when it is not one. */
    public Change change(String payload) {
        int colon = payload.indexOf(':');
        int length = Integer.parseInt(payload.substring(0, colon));
        String userId = payload.substring(colon + 1, colon + 1 + length);
        return new Change(userId, json.read(payload.substring(colon + 1 + length)));
    }
}
