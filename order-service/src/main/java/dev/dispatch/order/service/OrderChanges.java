package dev.dispatch.order.service;

import java.util.UUID;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dispatch.order.mapping.OrderEventMapper;
import dev.dispatch.order.messaging.CloudEvent;
import dev.dispatch.order.messaging.OrderEventData;
import dev.dispatch.order.messaging.OutboxRelay;
import dev.dispatch.order.repository.OrderChangeFeed;
import dev.dispatch.order.repository.OrderRepository;
import dev.dispatch.order.repository.OutboxRepository;
import dev.dispatch.order.repository.ProcessedEventRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
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
    private final OutboxRepository outbox;
    private final OrderChangeFeed feed;
    private final OutboxRelay relay;
    private final ProcessedEventRepository processed;
    private final ObjectMapper json;

    OrderChanges(Pool pool, OrderRepository orders, OutboxRepository outbox, OrderChangeFeed feed, OutboxRelay relay,
            ProcessedEventRepository processed, ObjectMapper json) {
        this.pool = pool;
        this.orders = orders;
        this.outbox = outbox;
        this.feed = feed;
        this.relay = relay;
        this.processed = processed;
        this.json = json;
    }

    /** Stores a new order with its "placed" event; null when the customer's idempotency key was taken meanwhile. */
    public Uni<Order> place(Order draft, String idempotencyKey, String requestHash) {
        return pool.withTransaction(tx -> orders.insertIfAbsent(tx, draft, idempotencyKey, requestHash)
                        .call(stored -> stored == null ? Uni.createFrom().voidItem() : announce(tx, stored)))
                .invoke(stored -> {
                    if (stored != null) {
                        relay.trigger();
                    }
                });
    }

    /**
     * Locks the order, lets {@code decide} choose the change from its current state (or refuse by
     * throwing), and writes it. NOT_FOUND when there is no such order.
     */
    public Uni<Order> apply(UUID orderId, Function<Order, Change> decide) {
        return pool.withTransaction(tx -> applyIn(tx, orderId, decide))
                .invoke(this::relayIfAnnounced)
                .map(Applied::order);
    }

    /**
     * {@link #apply} on behalf of an event another service published: the event id is recorded in the same
     * transaction, so a redelivered event changes nothing; then the order is returned as it stands.
     */
    public Uni<Order> applyOnce(String eventId, UUID orderId, Function<Order, Change> decide) {
        return pool.withTransaction(tx -> processed.markProcessed(tx, eventId).flatMap(isNew -> isNew
                        ? applyIn(tx, orderId, decide)
                        : orders.find(tx, orderId, false).map(Applied::withoutEvent)))
                .invoke(this::relayIfAnnounced)
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

    private void relayIfAnnounced(Applied applied) {
        if (applied.announced()) {
            relay.trigger();
        }
    }

    private Uni<Void> announce(SqlClient tx, Order order) {
        CloudEvent<OrderEventData> event = OrderEventMapper.toEvent(order);
        return outbox.insert(tx, UUID.fromString(event.id()), order.id(), order.version(), event.type(), toJson(event))
                .call(() -> feed.notifyChange(tx, order.id()));
    }

    private JsonObject toJson(CloudEvent<OrderEventData> event) {
        try {
            return new JsonObject(json.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event " + event.id(), e);
        }
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
