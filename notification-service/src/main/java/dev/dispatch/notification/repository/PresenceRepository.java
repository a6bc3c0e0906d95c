package dev.dispatch.notification.repository;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.dispatch.notification.model.ChatRole;
import dev.dispatch.notification.model.CourierPresence;
import dev.dispatch.platform.dedupe.ProcessedEvents;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Couriers' latest presence and who subscribed to it over XMPP. A change is NOTIFYed on {@link #CHANNEL} (payload:
 * the device id) in its transaction, so whichever replica holds the XMPP component link pushes it.
 */
@ApplicationScoped
public class PresenceRepository {

    public static final String CHANNEL = "courier_presence";

    public enum Outcome { CHANGED, STALE, DUPLICATE }

    private final Pool pool;

    public PresenceRepository(Pool pool) {
        this.pool = pool;
    }

    /** Stores the presence once per event and only if it is newer than the one stored. */
    public Uni<Outcome> record(String source, String eventId, CourierPresence presence) {
        return pool.withTransaction(tx -> ProcessedEvents.markProcessed(tx, source, eventId).chain(isNew -> !isNew
                ? Uni.createFrom().item(Outcome.DUPLICATE)
                : tx.preparedQuery("""
                        INSERT INTO courier_presence (device_id, presence, order_id, since) VALUES ($1, $2, $3, $4)
                        ON CONFLICT (device_id) DO UPDATE
                            SET presence = EXCLUDED.presence, order_id = EXCLUDED.order_id, since = EXCLUDED.since, updated_at = now()
                            WHERE courier_presence.since < EXCLUDED.since
                        RETURNING device_id""")
                        .execute(Tuple.of(presence.deviceId(), presence.state().name(), presence.orderId().orElse(null),
                                OffsetDateTime.ofInstant(presence.since(), ZoneOffset.UTC)))
                        .chain(rows -> rows.size() == 0
                                ? Uni.createFrom().item(Outcome.STALE)
                                : tx.preparedQuery("SELECT pg_notify($1, $2)").execute(Tuple.of(CHANNEL, presence.deviceId()))
                                        .replaceWith(Outcome.CHANGED))));
    }

    public Uni<Optional<CourierPresence>> current(String deviceId) {
        return pool.preparedQuery("SELECT device_id, presence, order_id, since FROM courier_presence WHERE device_id = $1")
                .execute(Tuple.of(deviceId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toPresence(rows.iterator().next())));
    }

    /** Whether the user signed in to chat as an operator (ChatService recorded the role with the account). */
    public Uni<Boolean> isOperator(String userId) {
        return pool.preparedQuery("SELECT 1 FROM chat_account WHERE user_id = $1 AND role = $2")
                .execute(Tuple.of(userId, ChatRole.OPERATOR.name()))
                .map(rows -> rows.size() > 0);
    }

    public Uni<Void> subscribe(String deviceId, String subscriber) {
        return pool.preparedQuery("INSERT INTO presence_subscriber (device_id, subscriber) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(deviceId, subscriber)).replaceWithVoid();
    }

    public Uni<Void> unsubscribe(String deviceId, String subscriber) {
        return pool.preparedQuery("DELETE FROM presence_subscriber WHERE device_id = $1 AND subscriber = $2")
                .execute(Tuple.of(deviceId, subscriber)).replaceWithVoid();
    }

    public Uni<Boolean> isSubscribed(String deviceId, String subscriber) {
        return pool.preparedQuery("SELECT 1 FROM presence_subscriber WHERE device_id = $1 AND subscriber = $2")
                .execute(Tuple.of(deviceId, subscriber)).map(rows -> rows.size() > 0);
    }

    /** Every subscription, with the device's presence (none yet: offline); one device's when deviceId is given. */
    public Uni<List<Subscription>> subscriptions(Optional<String> deviceId) {
        return pool.preparedQuery("""
                        SELECT s.device_id, s.subscriber, p.presence, p.order_id, p.since
                        FROM presence_subscriber s LEFT JOIN courier_presence p ON p.device_id = s.device_id
                        WHERE $1::text IS NULL OR s.device_id = $1""")
                .execute(Tuple.of(deviceId.orElse(null)))
                .map(rows -> {
                    List<Subscription> all = new ArrayList<>();
                    for (Row row : rows) {
                        Optional<CourierPresence> presence = row.getString("presence") == null ? Optional.empty() : Optional.of(toPresence(row));
                        all.add(new Subscription(row.getString("device_id"), row.getString("subscriber"), presence));
                    }
                    return all;
                });
    }

    /** A subscriber of a device and the device's presence, if any was reported. */
    public record Subscription(String deviceId, String subscriber, Optional<CourierPresence> presence) {
    }

    private static CourierPresence toPresence(Row row) {
        return new CourierPresence(row.getString("device_id"), CourierPresence.State.valueOf(row.getString("presence")),
                Optional.ofNullable(row.getString("order_id")), row.getOffsetDateTime("since").toInstant());
    }
}
