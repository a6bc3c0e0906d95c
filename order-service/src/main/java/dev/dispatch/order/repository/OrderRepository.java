package dev.dispatch.order.repository;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.dispatch.order.model.DeliveryAddress;
import dev.dispatch.order.model.Order;
import dev.dispatch.order.model.OrderLine;
import dev.dispatch.order.model.OrderStatus;
import dev.dispatch.order.model.PaymentState;
import dev.dispatch.order.model.PaymentStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class OrderRepository {

    private static final String COLUMNS = """
            id, customer_id, status, status_reason, currency, total_minor, street, city, postal_code, country, latitude,
            longitude, max_cargo_temperature_c, payment_token, payment_id, payment_status, payment_reason, cancel_reason,
            device_id, version, created_at, updated_at""";

    /** The order's items as one JSON array, in the same statement as the order (they never change after placement). */
    private static final String ITEMS = """
            (SELECT json_agg(json_build_array(sku, name, quantity, unit_price_minor) ORDER BY line_no)
             FROM order_item WHERE order_id = customer_order.id) AS items""";
    /** No authorization attempt of the order is in flight. */
    private static final String UNCLAIMED = "(payment_attempt_until IS NULL OR payment_attempt_until <= now())";

    private final Pool pool;

    OrderRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Stores a new order with its items unless the customer already used its idempotency key, in one statement. The
     * unique key decides races: of two concurrent inserts with the same key exactly one returns the stored order. The
     * order is stored claimed for its first authorization ({@link #claimForAuthorization}) for {@code attemptLease}.
     */
    public Uni<Order> insertIfAbsent(SqlClient tx, Order o, String idempotencyKey, String requestHash, Duration attemptLease) {
        DeliveryAddress a = o.address();
        Tuple values = Tuple.tuple()
                .addUUID(o.id()).addString(o.customerId()).addString(o.status().name()).addString(o.currency())
                .addLong(o.totalMinor()).addString(a.street()).addString(a.city()).addString(a.postalCode())
                .addString(a.country()).addDouble(a.latitude()).addDouble(a.longitude())
                .addValue(o.maxCargoTemperatureC()).addString(o.paymentToken()).addString(idempotencyKey)
                .addString(requestHash)
                .addArrayOfString(o.items().stream().map(OrderLine::sku).toArray(String[]::new))
                .addArrayOfString(o.items().stream().map(OrderLine::name).toArray(String[]::new))
                .addArrayOfInteger(o.items().stream().map(OrderLine::quantity).toArray(Integer[]::new))
                .addArrayOfLong(o.items().stream().map(OrderLine::unitPriceMinor).toArray(Long[]::new))
                .addLong(attemptLease.toMillis());
        // The items are inserted only with the order (nothing when the key was taken); line_no is the position from 0.
        return tx.preparedQuery("""
                        WITH stored AS (
                            INSERT INTO customer_order (id, customer_id, status, currency, total_minor, street, city, postal_code,
                                   country, latitude, longitude, max_cargo_temperature_c, payment_token, idempotency_key, request_hash,
                                   payment_attempt_until)
                            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,
                                    now() + ($20 * interval '1 millisecond'))
                            ON CONFLICT (customer_id, idempotency_key) DO NOTHING
                            RETURNING %s),
                        items AS (
                            INSERT INTO order_item (order_id, line_no, sku, name, quantity, unit_price_minor)
                            SELECT stored.id, (i.ord - 1)::int, i.sku, i.name, i.quantity, i.unit_price_minor
                            FROM stored, unnest($16::text[], $17::text[], $18::int[], $19::bigint[])
                                 WITH ORDINALITY AS i(sku, name, quantity, unit_price_minor, ord))
                        SELECT * FROM stored""".formatted(COLUMNS))
                .execute(values)
                .map(rows -> rows.size() == 0 ? null : toOrder(rows.iterator().next(), o.items()));
    }

    public Uni<KeyedOrder> findByIdempotencyKey(String customerId, String idempotencyKey) {
        return pool.preparedQuery("SELECT id, request_hash FROM customer_order WHERE customer_id = $1 AND idempotency_key = $2")
                .execute(Tuple.of(customerId, idempotencyKey))
                .map(rows -> rows.size() == 0 ? null
                        : new KeyedOrder(rows.iterator().next().getUUID("id"), rows.iterator().next().getString("request_hash")));
    }

    public Uni<Order> find(UUID id) {
        return find(pool, id, false);
    }

    /**
     * With {@code forUpdate}, the row stays locked until the transaction ends: decisions on it run one at a time. The
     * items come in the same statement (they never change after placement; the lock is on the order row only).
     */
    public Uni<Order> find(SqlClient client, UUID id, boolean forUpdate) {
        return client.preparedQuery("SELECT " + COLUMNS + ", " + ITEMS + " FROM customer_order WHERE id = $1"
                        + (forUpdate ? " FOR UPDATE" : ""))
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : toOrder(rows.iterator().next(), linesOf(rows.iterator().next())));
    }

    /**
     * Claims an order awaiting payment for one authorization attempt, for {@code lease}: the order as it is, or null when
     * it no longer awaits payment or another attempt (PlaceOrder's, another replica's) still holds it. Concurrent claims
     * queue on the row and re-check, so exactly one wins.
     */
    public Uni<Order> claimForAuthorization(UUID id, Duration lease) {
        return pool.preparedQuery("""
                        UPDATE customer_order SET payment_attempt_until = now() + ($2 * interval '1 millisecond')
                        WHERE id = $1 AND status = 'AWAITING_PAYMENT' AND """ + UNCLAIMED + " RETURNING " + COLUMNS + ", " + ITEMS)
                .execute(Tuple.of(id, lease.toMillis()))
                .map(rows -> rows.size() == 0 ? null : toOrder(rows.iterator().next(), linesOf(rows.iterator().next())));
    }

    private static List<OrderLine> linesOf(Row row) {
        List<OrderLine> items = new ArrayList<>();
        JsonArray lines = row.getJsonArray("items");
        if (lines != null) {
            for (int i = 0; i < lines.size(); i++) {
                JsonArray line = lines.getJsonArray(i);
                items.add(new OrderLine(line.getString(0), line.getString(1), line.getInteger(2), line.getLong(3)));
            }
        }
        return items;
    }

    /** Writes the order's mutable fields; a state change also bumps the version. Returns the order as stored. */
    public Uni<Order> update(SqlClient tx, Order o, boolean stateChange) {
        PaymentState p = o.payment();
        return tx.preparedQuery("""
                        UPDATE customer_order SET status = $2, status_reason = $3, payment_id = $4, payment_status = $5,
                               payment_reason = $6, cancel_reason = $7, device_id = $8, version = version + $9, updated_at = now()
                        WHERE id = $1
                        RETURNING version, updated_at""")
                .execute(Tuple.tuple().addUUID(o.id()).addString(o.status().name()).addString(o.statusReason())
                        .addString(p.paymentId()).addString(p.status().name()).addString(p.reason())
                        .addString(o.cancelReason()).addString(o.deviceId()).addInteger(stateChange ? 1 : 0))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Order(o.id(), o.customerId(), o.status(), o.statusReason(), o.items(), o.currency(), o.totalMinor(),
                            o.address(), o.maxCargoTemperatureC(), o.paymentToken(), o.payment(), o.deviceId(), o.cancelReason(),
                            row.getLong("version"), o.createdAt(), row.getOffsetDateTime("updated_at"));
                });
    }

    /** A page of orders, newest first, after the cursor (exclusive). customerId and status are optional filters. */
    public Uni<List<Order>> list(String customerId, OrderStatus status, OffsetDateTime afterCreatedAt, UUID afterId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM customer_order WHERE true");
        Tuple args = Tuple.tuple();
        if (customerId != null) {
            args.addString(customerId);
            sql.append(" AND customer_id = $").append(args.size());
        }
        if (status != null) {
            args.addString(status.name());
            sql.append(" AND status = $").append(args.size());
        }
        if (afterCreatedAt != null) {
            args.addOffsetDateTime(afterCreatedAt).addUUID(afterId);
            sql.append(" AND (created_at, id) < ($").append(args.size() - 1).append(", $").append(args.size()).append(')');
        }
        args.addInteger(limit);
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT $").append(args.size());
        return pool.preparedQuery(sql.toString()).execute(args).flatMap(this::withItems);
    }

    /** Orders awaiting payment with no authorization attempt in flight, oldest first. */
    public Uni<List<UUID>> awaitingPayment(int limit) {
        return ids("status = 'AWAITING_PAYMENT' AND " + UNCLAIMED, Duration.ZERO, limit);
    }

    /** PAID orders whose cancellation started a refund that has not been confirmed yet. */
    public Uni<List<UUID>> refunding(Duration olderThan, int limit) {
        return ids("status = 'PAID' AND payment_status = 'REFUNDING'", olderThan, limit);
    }

    /** Orders that ended before payment-service answered: a late authorization may still have to be refunded. */
    public Uni<List<UUID>> endedWithUnsettledPayment(int limit) {
        return ids("status IN ('CANCELLED', 'PAYMENT_FAILED') AND payment_status = 'PENDING'", Duration.ZERO, limit);
    }

    private Uni<List<UUID>> ids(String condition, Duration olderThan, int limit) {
        return pool.preparedQuery("SELECT id FROM customer_order WHERE " + condition
                        + " AND updated_at < now() - ($1 * interval '1 millisecond') ORDER BY updated_at LIMIT $2")
                .execute(Tuple.of(olderThan.toMillis(), limit))
                .map(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getUUID("id")));
                    return ids;
                });
    }

    private Uni<List<Order>> withItems(RowSet<Row> rows) {
        List<Row> orderRows = new ArrayList<>();
        rows.forEach(orderRows::add);
        if (orderRows.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return itemsOf(pool, orderRows.stream().map(r -> r.getUUID("id")).toList())
                .map(items -> orderRows.stream().map(r -> toOrder(r, items.get(r.getUUID("id")))).toList());
    }

    private static Uni<Map<UUID, List<OrderLine>>> itemsOf(SqlClient client, List<UUID> orderIds) {
        return client.preparedQuery("""
                        SELECT order_id, sku, name, quantity, unit_price_minor FROM order_item
                        WHERE order_id = ANY($1) ORDER BY order_id, line_no""")
                .execute(Tuple.of(orderIds.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, List<OrderLine>> byOrder = new HashMap<>();
                    rows.forEach(r -> byOrder.computeIfAbsent(r.getUUID("order_id"), k -> new ArrayList<>())
                            .add(new OrderLine(r.getString("sku"), r.getString("name"), r.getInteger("quantity"),
                                    r.getLong("unit_price_minor"))));
                    return byOrder;
                });
    }

    private static Order toOrder(Row row, List<OrderLine> items) {
        return new Order(
                row.getUUID("id"),
                row.getString("customer_id"),
                OrderStatus.valueOf(row.getString("status")),
                row.getString("status_reason"),
                items == null ? List.of() : List.copyOf(items),
                row.getString("currency"),
                row.getLong("total_minor"),
                new DeliveryAddress(row.getString("street"), row.getString("city"), row.getString("postal_code"),
                        row.getString("country"), row.getDouble("latitude"), row.getDouble("longitude")),
                row.getDouble("max_cargo_temperature_c"),
                row.getString("payment_token"),
                new PaymentState(row.getString("payment_id"), PaymentStatus.valueOf(row.getString("payment_status")),
                        row.getString("payment_reason")),
                row.getString("device_id"),
                row.getString("cancel_reason"),
                row.getLong("version"),
                row.getOffsetDateTime("created_at"),
                row.getOffsetDateTime("updated_at"));
    }
}
