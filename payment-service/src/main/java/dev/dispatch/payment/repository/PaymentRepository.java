package dev.dispatch.payment.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.dispatch.payment.model.DeclineReason;
import dev.dispatch.payment.model.Payment;
import dev.dispatch.payment.model.PaymentStatus;
import dev.dispatch.payment.model.Refund;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class PaymentRepository {

    private static final String COLUMNS =
            "id, order_id, customer_id, status, amount_minor, refunded_minor, currency, decline_reason, created_at, updated_at";

    private final Pool pool;

    PaymentRepository(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    /**
     * Stores the payment unless the order already has one. The unique order_id decides races:
     * of two concurrent inserts exactly one returns a row.
     */
    public Uni<Payment> insertIfAbsent(Payment p) {
        return pool.preparedQuery("""
                        INSERT INTO payment (id, order_id, customer_id, status, amount_minor, currency, decline_reason)
                        VALUES ($1, $2, $3, $4, $5, $6, $7)
                        ON CONFLICT (order_id) DO NOTHING
                        RETURNING %s""".formatted(COLUMNS))
                .execute(Tuple.tuple().addUUID(p.id()).addString(p.orderId()).addString(p.customerId())
                        .addString(p.status().name()).addLong(p.amountMinor()).addString(p.currency())
                        .addString(p.declineReason() == null ? null : p.declineReason().name()))
                .map(PaymentRepository::firstOrNull);
    }

    public Uni<Payment> findByOrderId(SqlClient client, String orderId, boolean forUpdate) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM payment WHERE order_id = $1" + (forUpdate ? " FOR UPDATE" : ""))
                .execute(Tuple.of(orderId))
                .map(PaymentRepository::firstOrNull);
    }

    public Uni<Payment> findByOrderId(String orderId) {
        return findByOrderId(pool, orderId, false);
    }

    public Uni<Payment> findById(UUID id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM payment WHERE id = $1")
                .execute(Tuple.of(id))
                .map(PaymentRepository::firstOrNull);
    }

    public Uni<List<Payment>> findByOrderIds(List<String> orderIds) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM payment WHERE order_id = ANY($1)")
                .execute(Tuple.of(orderIds.toArray(String[]::new)))
                .map(rows -> {
                    List<Payment> payments = new ArrayList<>();
                    rows.forEach(row -> payments.add(toPayment(row)));
                    return payments;
                });
    }

    public Uni<Refund> findRefund(SqlClient client, String refundId) {
        return client.preparedQuery("SELECT id, payment_id, amount_minor, reason, created_at FROM refund WHERE id = $1")
                .execute(Tuple.of(refundId))
                .map(rows -> rows.size() == 0 ? null : toRefund(rows.iterator().next()));
    }

    public Uni<Refund> insertRefund(SqlClient client, String refundId, UUID paymentId, long amountMinor, String reason) {
        return client.preparedQuery("""
                        INSERT INTO refund (id, payment_id, amount_minor, reason) VALUES ($1, $2, $3, $4)
                        RETURNING id, payment_id, amount_minor, reason, created_at""")
                .execute(Tuple.of(refundId, paymentId, amountMinor, reason))
                .map(rows -> toRefund(rows.iterator().next()));
    }

    public Uni<Payment> addRefunded(SqlClient client, UUID paymentId, long amountMinor) {
        return client.preparedQuery("""
                        UPDATE payment SET refunded_minor = refunded_minor + $2,
                               status = CASE WHEN refunded_minor + $2 = amount_minor THEN 'REFUNDED' ELSE 'PARTIALLY_REFUNDED' END,
                               updated_at = now()
                        WHERE id = $1
                        RETURNING %s""".formatted(COLUMNS))
                .execute(Tuple.of(paymentId, amountMinor))
                .map(PaymentRepository::firstOrNull);
    }

    private static Payment firstOrNull(RowSet<Row> rows) {
        return rows.size() == 0 ? null : toPayment(rows.iterator().next());
    }

    private static Payment toPayment(Row row) {
        String decline = row.getString("decline_reason");
        return new Payment(
                row.getUUID("id"),
                row.getString("order_id"),
                row.getString("customer_id"),
                PaymentStatus.valueOf(row.getString("status")),
                row.getLong("amount_minor"),
                row.getLong("refunded_minor"),
                row.getString("currency"),
                decline == null ? null : DeclineReason.valueOf(decline),
                row.getOffsetDateTime("created_at"),
                row.getOffsetDateTime("updated_at"));
    }

    private static Refund toRefund(Row row) {
        return new Refund(row.getString("id"), row.getUUID("payment_id"), row.getLong("amount_minor"),
                row.getString("reason"), row.getOffsetDateTime("created_at"));
    }
}
