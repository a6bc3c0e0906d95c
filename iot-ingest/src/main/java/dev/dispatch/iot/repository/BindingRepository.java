package dev.dispatch.iot.repository;

import java.util.UUID;

import dev.dispatch.iot.model.Binding;
import dev.dispatch.platform.dedupe.ProcessedEvents;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Order bindings (order_binding), and the processed_event ledger (the shared one) that makes order events idempotent. */
@ApplicationScoped
public class BindingRepository {

    private final Pool pool;

    BindingRepository(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    /** True the first time an event (source and id) is seen in this transaction's view, false for a duplicate. */
    public Uni<Boolean> firstSeen(SqlClient tx, String source, String eventId) {
        return ProcessedEvents.markProcessed(tx, source, eventId);
    }

    /**
     * Binds the device to the order: a binding of the device to another order that is still active ends first
     * (a device delivers one order at a time), and a binding the order has already is kept.
     */
    public Uni<Void> bind(SqlClient tx, Binding binding) {
        return tx.preparedQuery("""
                        UPDATE order_binding SET ended_at = now(), end_reason = 'superseded'
                        WHERE device_id = $1 AND ended_at IS NULL AND order_id <> $2""")
                .execute(Tuple.of(binding.deviceId(), binding.orderId()))
                .flatMap(ignored -> tx.preparedQuery("""
                                INSERT INTO order_binding (order_id, device_id, customer_id, destination_latitude, destination_longitude,
                                                           max_cargo_temperature_c)
                                VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (order_id) DO NOTHING""")
                        .execute(Tuple.from(java.util.Arrays.asList(binding.orderId(), binding.deviceId(), binding.customerId(),
                                binding.destinationLatitude(), binding.destinationLongitude(), binding.maxCargoTemperatureC()))))
                .replaceWithVoid();
    }

    /** Ends the order's binding if still active; the device it was bound to, or null. */
    public Uni<String> end(SqlClient tx, UUID orderId, String reason) {
        return tx.preparedQuery("UPDATE order_binding SET ended_at = now(), end_reason = $2 WHERE order_id = $1 AND ended_at IS NULL RETURNING device_id")
                .execute(Tuple.of(orderId, reason))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("device_id"));
    }

    /** The device the order is bound to while the binding is active, or null. */
    public Uni<String> boundDevice(SqlClient tx, UUID orderId) {
        return tx.preparedQuery("SELECT device_id FROM order_binding WHERE order_id = $1 AND ended_at IS NULL")
                .execute(Tuple.of(orderId))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("device_id"));
    }

    /** The binding as it is now (active or not), or null. */
    public Uni<Binding> active(UUID orderId) {
        return active(pool, orderId);
    }

    /** The binding as this transaction sees it, or null. */
    public Uni<Binding> active(SqlClient client, UUID orderId) {
        return client.preparedQuery("""
                        SELECT order_id, device_id, customer_id, destination_latitude, destination_longitude, max_cargo_temperature_c
                        FROM order_binding WHERE order_id = $1 AND ended_at IS NULL""")
                .execute(Tuple.of(orderId))
                .map(rows -> rows.size() == 0 ? null : binding(rows.iterator().next()));
    }

    static Binding binding(Row r) {
        return new Binding(r.getUUID("order_id"), r.getString("device_id"), r.getString("customer_id"),
                r.getDouble("destination_latitude"), r.getDouble("destination_longitude"), r.getDouble("max_cargo_temperature_c"));
    }
}
