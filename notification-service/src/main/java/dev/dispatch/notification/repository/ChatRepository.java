package dev.dispatch.notification.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import dev.dispatch.notification.model.ChatRole;
import dev.dispatch.notification.model.ChatRoom;
import dev.dispatch.notification.model.ChatWork;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Chat rooms, the bot's outbox (chat_work) and the accounts made for users (no passwords). */
@ApplicationScoped
public class ChatRepository {

    private static final String ROOM_COLUMNS = "order_id, customer_id, courier_device_id, open, opened_at";

    private final Pool pool;

    public ChatRepository(Pool pool) {
        this.pool = pool;
    }

    /** A new room for the order, or false if it has one already (a redelivered event). */
    public Uni<Boolean> insertRoom(SqlClient tx, String orderId, String customerId, String courierDeviceId) {
        return tx.preparedQuery("INSERT INTO chat_room (order_id, customer_id, courier_device_id) VALUES ($1, $2, $3) "
                        + "ON CONFLICT (order_id) DO NOTHING")
                .execute(Tuple.of(orderId, customerId, courierDeviceId))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Marks the order's room closed; false if it has none or it is closed already. */
    public Uni<Boolean> closeRoom(SqlClient tx, String orderId) {
        return tx.preparedQuery("UPDATE chat_room SET open = false, closed_at = now() WHERE order_id = $1 AND open")
                .execute(Tuple.of(orderId))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Boolean> roomExists(SqlClient tx, String orderId) {
        return tx.preparedQuery("SELECT 1 FROM chat_room WHERE order_id = $1").execute(Tuple.of(orderId))
                .map(rows -> rows.size() > 0);
    }

    public Uni<Void> addWork(SqlClient tx, ChatWork.Kind kind, String target, String body) {
        return tx.preparedQuery("INSERT INTO chat_work (kind, target, body) VALUES ($1, $2, $3)")
                .execute(Tuple.of(kind.name(), target, body)).replaceWithVoid();
    }

    /**
     * Works the outbox if no other replica does right now: {@code worker} gets the oldest pending steps and returns
     * the ids done (to delete) and failed (one more attempt); all in one transaction that holds the lock row.
     */
    public Uni<Integer> workOutbox(int limit, Function<List<ChatWork>, Uni<WorkResult>> worker) {
        return pool.withTransaction(tx -> tx.query("SELECT id FROM chat_work_lock FOR UPDATE SKIP LOCKED").execute()
                .chain(lock -> lock.size() == 0
                        ? Uni.createFrom().item(0)
                        : tx.preparedQuery("SELECT id, kind, target, body, attempts FROM chat_work ORDER BY id LIMIT $1")
                                .execute(Tuple.of(limit))
                                .map(ChatRepository::toWork)
                                .chain(work -> work.isEmpty() ? Uni.createFrom().item(new WorkResult(List.of(), List.of())) : worker.apply(work))
                                .chain(result -> tx.preparedQuery("DELETE FROM chat_work WHERE id = ANY($1)")
                                        .execute(Tuple.of(result.done().toArray(Long[]::new)))
                                        .chain(() -> tx.preparedQuery("UPDATE chat_work SET attempts = attempts + 1 WHERE id = ANY($1)")
                                                .execute(Tuple.of(result.failed().toArray(Long[]::new))))
                                        .replaceWith(result.done().size()))));
    }

    /** What a round of the outbox did. */
    public record WorkResult(List<Long> done, List<Long> failed) {
    }

    public Uni<Optional<ChatRoom>> room(String orderId) {
        return pool.preparedQuery("SELECT " + ROOM_COLUMNS + " FROM chat_room WHERE order_id = $1").execute(Tuple.of(orderId))
                .map(rows -> toRooms(rows).stream().findFirst());
    }

    /** The rooms a user is a member of (operators: all), newest first. */
    public Uni<List<ChatRoom>> rooms(String userId, ChatRole role, int limit) {
        String where = switch (role) {
            case CUSTOMER -> "WHERE customer_id = $1";
            case COURIER -> "WHERE courier_device_id = $1";
            case OPERATOR -> "WHERE $1::text IS NOT NULL";
        };
        return pool.preparedQuery("SELECT " + ROOM_COLUMNS + " FROM chat_room " + where + " ORDER BY opened_at DESC, order_id LIMIT $2")
                .execute(Tuple.of(userId, limit))
                .map(ChatRepository::toRooms);
    }

    /** The rooms the bot must be in: the open ones (closed ones only while someone may enter them; see RoomModeration). */
    public Uni<List<ChatRoom>> allRooms(int limit) {
        return pool.preparedQuery("SELECT " + ROOM_COLUMNS + " FROM chat_room ORDER BY opened_at DESC LIMIT $1")
                .execute(Tuple.of(limit))
                .map(ChatRepository::toRooms);
    }

    /** Records that a password handed out now works until {@code rekeyAt}; whether the account is new here. */
    public Uni<Boolean> recordCredential(String userId, ChatRole role, Instant rekeyAt) {
        return pool.preparedQuery("""
                INSERT INTO chat_account (user_id, role, rekey_at) VALUES ($1, $2, $3)
                ON CONFLICT (user_id) DO UPDATE SET rekey_at = EXCLUDED.rekey_at, role = EXCLUDED.role
                RETURNING (xmax = 0)""")
                .execute(Tuple.of(userId, role.name(), OffsetDateTime.ofInstant(rekeyAt, ZoneOffset.UTC)))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    /** Accounts whose handed-out password has expired and must be replaced. */
    public Uni<List<String>> dueForRekey(int limit) {
        return pool.preparedQuery("SELECT user_id FROM chat_account WHERE rekey_at <= now() ORDER BY rekey_at LIMIT $1")
                .execute(Tuple.of(limit))
                .map(rows -> {
                    List<String> users = new ArrayList<>();
                    rows.forEach(row -> users.add(row.getString(0)));
                    return users;
                });
    }

    /** Done re-keying, unless a new password was handed out meanwhile (then its own expiry stays). */
    public Uni<Void> rekeyed(String userId) {
        return pool.preparedQuery("UPDATE chat_account SET rekey_at = NULL WHERE user_id = $1 AND rekey_at <= now()")
                .execute(Tuple.of(userId)).replaceWithVoid();
    }

    public Uni<List<String>> operators(SqlClient client) {
        return client.preparedQuery("SELECT user_id FROM chat_account WHERE role = $1").execute(Tuple.of(ChatRole.OPERATOR.name()))
                .map(rows -> {
                    List<String> users = new ArrayList<>();
                    rows.forEach(row -> users.add(row.getString(0)));
                    return users;
                });
    }

    public Uni<List<String>> operators() {
        return operators(pool);
    }

    private static List<ChatWork> toWork(RowSet<Row> rows) {
        List<ChatWork> work = new ArrayList<>();
        for (Row row : rows) {
            work.add(new ChatWork(row.getLong(0), ChatWork.Kind.valueOf(row.getString(1)), row.getString(2), row.getString(3),
                    row.getInteger(4)));
        }
        return work;
    }

    private static List<ChatRoom> toRooms(RowSet<Row> rows) {
        List<ChatRoom> rooms = new ArrayList<>();
        for (Row row : rows) {
            rooms.add(new ChatRoom(row.getString(0), row.getString(1), row.getString(2), row.getBoolean(3),
                    row.getOffsetDateTime(4).toInstant()));
        }
        return rooms;
    }
}
