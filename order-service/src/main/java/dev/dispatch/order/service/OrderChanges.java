package dev.dispatch.order.service;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;

import dev.dispatch.order.model.Change;
import dev.dispatch.order.model.Order;
import dev.dispatch.order.model.OrderRejected;
import dev.dispatch.order.outbox.OrderEvents;
import dev.dispatch.order.repository.OrderChangeFeed;
import dev.dispatch.order.repository.OrderRepository;
import dev.dispatch.platform.dedupe.ProcessedEvents;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one way an order is stored or changed: the change, its event in the outbox and the
 * notification to watchers are written in one transaction, on the locked row, so that every state
 * change has exactly one event however many callers (requests, schedulers, replicas) race for it.
 */
@ApplicationScoped
public class OrderChanges {

    private final Pool pool;
    private final OrderRepository orders;
    private final OrderEvents events;
    private final OrderChangeFeed feed;

    OrderChanges(Pool pool, OrderRepository orders, OrderEvents events, OrderChangeFeed feed) {
        this.pool = pool;
        this.orders = orders;
        this.events = events;
        this.feed = feed;
    }

    /**
     * Stores a new order with its "placed" event, claimed for its first authorization for {@code attemptLease}; null when
     * the customer's idempotency key was taken meanwhile.
     */
    public Uni<Order> place(Order draft, String idempotencyKey, String requestHash, Duration attemptLease) {
        return pool.withTransaction(tx -> orders.insertIfAbsent(tx, draft, idempotencyKey, requestHash, attemptLease)
                        .call(stored -> stored == null ? Uni.createFrom().voidItem() : announce(tx, stored)))
                .invoke(stored -> {
                    if (stored != null) {
                        events.publishNow();
                    }
                });
    }

    /**
     * Locks the order, lets {@code decide} choose the change from its current state (or refuse by
     * throwing), and writes it. NOT_FOUND when there is no such order.
     */
    public Uni<Order> apply(UUID orderId, Function<Order, Change> decide) {
        return pool.withTransaction(tx -> applyIn(tx, orderId, decide))
                .invoke(this::publishIfAnnounced)
                .map(Applied::order);
    }

    /**
     * {@link #apply} on behalf of an event another service published (CloudEvents source and id): the event is
     * recorded in the same transaction, so a redelivered event changes nothing; then the order is returned as it stands.
     */
    public Uni<Order> applyOnce(String eventSource, String eventId, UUID orderId, Function<Order, Change> decide) {
        return pool.withTransaction(tx -> ProcessedEvents.markProcessed(tx, eventSource, eventId).flatMap(isNew -> isNew
                        ? applyIn(tx, orderId, decide)
                        : orders.find(tx, orderId, false).map(Applied::withoutEvent)))
                .invoke(this::publishIfAnnounced)
                .map(Applied::order);
    }

    private Uni<Applied> applyIn(SqlClient tx, UUID orderId, Function<Order, Change> decide) {
        return orders.find(tx, orderId, true).flatMap(current -> {
            if (current == null) {
                throw OrderRejected.notFound(orderId.toString());
            }
            Change change = decide.apply(current);
            if (change instanceof Change.Transition t) {
                return orders.update(tx, t.next(), true).call(next -> announce(tx, next)).map(Applied::withEvent);
            }
            if (change instanceof Change.Update u) {
                return orders.update(tx, u.next(), false).map(Applied::withoutEvent);
            }
            return Uni.createFrom().item(Applied.withoutEvent(current));
        });
    }

    private void publishIfAnnounced(Applied applied) {
        if (applied.announced()) {
            events.publishNow();
        }
    }

    private Uni<Void> announce(SqlClient tx, Order order) {
        return events.write(tx, order).call(() -> feed.notifyChange(tx, order.id()));
    }

    private record Applied(Order order, boolean announced) {

        static Applied withEvent(Order order) {
            return new Applied(order, true);
        }

        static Applied withoutEvent(Order order) {
            return new Applied(order, false);
        }
    }
}
