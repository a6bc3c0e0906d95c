package dev.dispatch.notification.repository;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import dev.dispatch.notification.model.Call;
import dev.dispatch.notification.model.CallSignal;
import dev.dispatch.notification.model.CallState;
import dev.dispatch.notification.model.EndReason;
import dev.dispatch.notification.model.Media;
import dev.dispatch.notification.model.OrderParties;
import dev.dispatch.notification.model.Party;
import dev.dispatch.notification.model.PartyRole;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Calls as every replica sees them: the parties of dispatched orders, the calls, and the signalling messages on their way
 * (call_signal). Every change of a call and the messages it causes are written in one transaction under the signal
 * lock ({@link #inCallTransaction}), so call_signal ids are commit order and a reader of "id > cursor" never skips one.
 */
@ApplicationScoped
public class CallRepository {

    /** The NOTIFY channel that tells every replica call signals were stored. */
    public static final String CHANNEL = "call_signals";
    /** The advisory lock that orders signal commits across replicas (next to notifications' store lock 4242401). */
    static final long SIGNAL_LOCK_KEY = 4242402;

    private static final String CALL_COLUMNS = "call_id, order_id, caller_id, caller_role, caller_connection, callee_id, callee_role, "
            + "callee_connection, media, state, created_at, answered_at, ended_at, end_reason";

    private final Pool pool;

    public CallRepository(Pool pool) {
        this.pool = pool;
    }

    // --- the parties of orders (written with the event that tells them, in its transaction)

    /** The dispatched event: the order is between these two, open for calls (a re-sent event updates the courier). */
    public Uni<Void> dispatched(SqlClient tx, String orderId, String customerId, String courierDeviceId) {
        return tx.preparedQuery("""
                INSERT INTO order_party (order_id, customer_id, courier_device_id, dispatched_at) VALUES ($1, $2, $3, now())
                ON CONFLICT (order_id) DO UPDATE SET customer_id = EXCLUDED.customer_id, courier_device_id = EXCLUDED.courier_device_id,
                    dispatched_at = EXCLUDED.dispatched_at
                WHERE order_party.closed_at IS NULL""")
                .execute(Tuple.of(orderId, customerId, courierDeviceId)).replaceWithVoid();
    }

    /** Delivered or cancelled: no more calls (kept closed even if a late dispatched event comes after). */
    public Uni<Void> closed(SqlClient tx, String orderId) {
        return tx.preparedQuery("""
                INSERT INTO order_party (order_id, closed_at) VALUES ($1, now())
                ON CONFLICT (order_id) DO UPDATE SET closed_at = now() WHERE order_party.closed_at IS NULL""")
                .execute(Tuple.of(orderId)).replaceWithVoid();
    }

    public Uni<Optional<OrderParties>> parties(SqlClient client, String orderId) {
        return client.preparedQuery("SELECT order_id, customer_id, courier_device_id, closed_at IS NULL AND dispatched_at IS NOT NULL "
                        + "FROM order_party WHERE order_id = $1")
                .execute(Tuple.of(orderId))
                .map(rows -> {
                    for (Row row : rows) {
                        return Optional.of(new OrderParties(row.getString(0), row.getString(1), row.getString(2), row.getBoolean(3)));
                    }
                    return Optional.empty();
                });
    }

    /**
     * The open orders {@code party} may call about, newest dispatch first: a customer's own, a courier's own, every one
     * for an operator.
     */
    public Uni<List<OrderParties>> callableFor(Party party, int limit) {
        String whose = switch (party.role()) {
            case CUSTOMER -> "customer_id = $1";
            case COURIER -> "courier_device_id = $1";
            case OPERATOR -> "$1::text IS NOT NULL";
        };
        return pool.preparedQuery("SELECT order_id, customer_id, courier_device_id FROM order_party WHERE " + whose
                        + " AND closed_at IS NULL AND dispatched_at IS NOT NULL AND customer_id IS NOT NULL"
                        + " AND courier_device_id IS NOT NULL ORDER BY dispatched_at DESC LIMIT $2")
                .execute(Tuple.of(party.id(), limit))
                .map(rows -> {
                    List<OrderParties> orders = new ArrayList<>();
                    rows.forEach(row -> orders.add(new OrderParties(row.getString(0), row.getString(1), row.getString(2), true)));
                    return orders;
                });
    }

    // --- calls

    /**
     * Runs {@code work} in one transaction that first takes the signal lock; signals it stored are NOTIFYed on commit.
     */
    public <T> Uni<T> inCallTransaction(Function<SqlClient, Uni<T>> work) {
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT pg_advisory_xact_lock($1)").execute(Tuple.of(SIGNAL_LOCK_KEY))
                .chain(() -> work.apply(tx)));
    }

    /** A new ringing call; false if its id is taken. */
    public Uni<Boolean> insert(SqlClient tx, Call call) {
        return tx.preparedQuery("""
                INSERT INTO call (call_id, order_id, caller_id, caller_role, caller_connection, callee_id, callee_role, media, state)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'RINGING') ON CONFLICT (call_id) DO NOTHING""")
                .execute(Tuple.from(List.of(call.callId(), call.orderId(), call.caller().id(), call.caller().role().name(),
                        call.callerConnection(), call.callee().id(), call.callee().role().name(), call.media().name())))
                .map(rows -> rows.rowCount() == 1);
    }

    /** The call, locked for this transaction. */
    public Uni<Optional<Call>> find(SqlClient tx, UUID callId) {
        return tx.preparedQuery("SELECT " + CALL_COLUMNS + " FROM call WHERE call_id = $1 FOR UPDATE").execute(Tuple.of(callId))
                .map(rows -> toCalls(rows).stream().findFirst());
    }

    public Uni<Optional<Call>> find(UUID callId) {
        return pool.preparedQuery("SELECT " + CALL_COLUMNS + " FROM call WHERE call_id = $1").execute(Tuple.of(callId))
                .map(rows -> toCalls(rows).stream().findFirst());
    }

    /** Answered on {@code connection}: the call is bound to it. Empty if it no longer rings. */
    public Uni<Optional<Call>> answer(SqlClient tx, UUID callId, String connection) {
        return tx.preparedQuery("UPDATE call SET state = 'ACTIVE', callee_connection = $2, answered_at = now() "
                        + "WHERE call_id = $1 AND state = 'RINGING' RETURNING " + CALL_COLUMNS)
                .execute(Tuple.of(callId, connection))
                .map(rows -> toCalls(rows).stream().findFirst());
    }

    /** Ends the call if it has not ended; empty if it had. */
    public Uni<Optional<Call>> end(SqlClient tx, UUID callId, EndReason reason) {
        return tx.preparedQuery("UPDATE call SET state = 'ENDED', ended_at = now(), end_reason = $2 "
                        + "WHERE call_id = $1 AND state <> 'ENDED' RETURNING " + CALL_COLUMNS)
                .execute(Tuple.of(callId, reason.name()))
                .map(rows -> toCalls(rows).stream().findFirst());
    }

    /** Ends every call this connection was bound to (as caller, or as the answering callee). */
    public Uni<List<Call>> endAllOf(SqlClient tx, String connection, EndReason reason) {
        return tx.preparedQuery("UPDATE call SET state = 'ENDED', ended_at = now(), end_reason = $2 "
                        + "WHERE state <> 'ENDED' AND (caller_connection = $1 OR callee_connection = $1) RETURNING " + CALL_COLUMNS)
                .execute(Tuple.of(connection, reason.name()))
                .map(CallRepository::toCalls);
    }

    /** Ends (timeout) the calls that have been ringing longer than {@code ringing}. */
    public Uni<List<Call>> expireRinging(SqlClient tx, Duration ringing) {
        return tx.preparedQuery("UPDATE call SET state = 'ENDED', ended_at = now(), end_reason = 'TIMEOUT' "
                        + "WHERE state = 'RINGING' AND created_at <= now() - make_interval(secs => $1) RETURNING " + CALL_COLUMNS)
                .execute(Tuple.of(ringing.toMillis() / 1000.0))
                .map(CallRepository::toCalls);
    }

    /** Ends calls still open after {@code age} (their replica went away with both connections); the number ended. */
    public Uni<List<Call>> endStale(SqlClient tx, Duration age) {
        return tx.preparedQuery("UPDATE call SET state = 'ENDED', ended_at = now(), end_reason = 'DISCONNECTED' "
                        + "WHERE state <> 'ENDED' AND created_at <= now() - make_interval(secs => $1) RETURNING " + CALL_COLUMNS)
                .execute(Tuple.of((double) age.toSeconds()))
                .map(CallRepository::toCalls);
    }

    // --- signals

    /** Stores signals in the given order and NOTIFYs every replica on commit. Call inside {@link #inCallTransaction}. */
    public Uni<Void> send(SqlClient tx, List<CallSignal> signals) {
        if (signals.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = new ArrayList<>();
        for (CallSignal s : signals) {
            rows.add(Tuple.from(List.of(s.callId(), s.to().id(), s.to().role().name())).addString(s.toConnection())
                    .addString(s.exceptConnection()).addString(s.body()));
        }
        return tx.preparedQuery("INSERT INTO call_signal (call_id, to_id, to_role, to_connection, except_connection, body) "
                        + "VALUES ($1, $2, $3, $4, $5, $6)")
                .executeBatch(rows)
                .chain(() -> tx.preparedQuery("SELECT pg_notify($1, '')").execute(Tuple.of(CHANNEL)))
                .replaceWithVoid();
    }

    /** Signals after {@code cursor}, in id (= commit) order. */
    public Uni<List<CallSignal>> signalsAfter(long cursor, int limit) {
        return pool.preparedQuery("SELECT id, call_id, to_id, to_role, to_connection, except_connection, body FROM call_signal "
                        + "WHERE id > $1 ORDER BY id LIMIT $2")
                .execute(Tuple.of(cursor, limit))
                .map(rows -> {
                    List<CallSignal> signals = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        signals.add(new CallSignal(row.getLong(0), row.getUUID(1),
                                new Party(row.getString(2), PartyRole.valueOf(row.getString(3))), row.getString(4), row.getString(5),
                                row.getString(6)));
                    }
                    return signals;
                });
    }

    public Uni<Long> lastSignalId() {
        return pool.query("SELECT coalesce(max(id), 0) FROM call_signal").execute().map(rows -> rows.iterator().next().getLong(0));
    }

    /** Deletes signals older than {@code age}: every replica has read them long before. */
    public Uni<Integer> forgetSignalsBefore(Duration age) {
        return pool.preparedQuery("DELETE FROM call_signal WHERE created_at < now() - make_interval(secs => $1)")
                .execute(Tuple.of((double) age.toSeconds()))
                .map(RowSet::rowCount);
    }

    private static List<Call> toCalls(RowSet<Row> rows) {
        List<Call> calls = new ArrayList<>();
        for (Row row : rows) {
            calls.add(new Call(row.getUUID(0), row.getString(1),
                    new Party(row.getString(2), PartyRole.valueOf(row.getString(3))), row.getString(4),
                    new Party(row.getString(5), PartyRole.valueOf(row.getString(6))), row.getString(7),
                    Media.valueOf(row.getString(8)), CallState.valueOf(row.getString(9)),
                    instant(row.getOffsetDateTime(10)), instant(row.getOffsetDateTime(11)), instant(row.getOffsetDateTime(12)),
                    row.getString(13) == null ? null : EndReason.valueOf(row.getString(13))));
        }
        return calls;
    }

    private static java.time.Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
