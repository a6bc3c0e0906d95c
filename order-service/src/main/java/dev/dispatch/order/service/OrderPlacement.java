package dev.dispatch.order.service;

import java.util.UUID;

import org.jboss.logging.Logger;

import dev.dispatch.order.model.Order;
import dev.dispatch.order.model.OrderRejected;
import dev.dispatch.order.model.OrderStatus;
import dev.dispatch.order.model.OrderValidator;
import dev.dispatch.order.model.PaymentState;
import dev.dispatch.order.model.PlaceOrderCommand;
import dev.dispatch.order.model.RequestHash;
import dev.dispatch.order.repository.OrderRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * PlaceOrder: validate, store (or find the order the idempotency key already names), authorize.
 * The order is stored before payment-service is asked, so it is never lost when payment-service is away.
 */
@ApplicationScoped
public class OrderPlacement {

    private static final Logger LOG = Logger.getLogger(OrderPlacement.class);

    private final OrderChanges changes;
    private final OrderRepository orders;
    private final PaymentSettlement settlement;

    OrderPlacement(OrderChanges changes, OrderRepository orders, PaymentSettlement settlement) {
        this.changes = changes;
        this.orders = orders;
        this.settlement = settlement;
    }

    // No look-up of the key first: the insert itself finds a key already taken (and then the request is a replay), so a
    // new order, the usual case, costs no extra round trip.
    public Uni<Order> place(PlaceOrderCommand command) {
        OrderValidator.validate(command);
        return create(command, RequestHash.of(command));
    }

    private Uni<Order> create(PlaceOrderCommand c, String hash) {
        Order draft = new Order(UUID.randomUUID(), c.caller().subject(), OrderStatus.AWAITING_PAYMENT, null, c.items(), c.currency(),
                c.totalMinor(), c.address(), c.maxCargoTemperatureC(), c.paymentToken(), PaymentState.PENDING, null, null, 1, null, null);
        // Stored claimed for the authorization that follows: no retry asks payment-service for this order meanwhile.
        return changes.place(draft, c.idempotencyKey(), hash, settlement.attemptLease()).flatMap(stored -> {
            if (stored == null) {
                // The key was taken, by an earlier request or a concurrent one that won the insert: answer as its replay.
                return replay(c, hash);
            }
            return settlement.authorize(stored).invoke(order -> {
                if (order.status() == OrderStatus.AWAITING_PAYMENT) {
                    LOG.infof("order %s stored; payment-service did not answer, authorization is retried", order.id());
                }
            });
        });
    }

    /** The order the customer's key already names: the same request gets it back, another request is refused. */
    private Uni<Order> replay(PlaceOrderCommand c, String hash) {
        if (c.idempotencyKey() == null) {
            return Uni.createFrom().nullItem();
        }
        return orders.findByIdempotencyKey(c.caller().subject(), c.idempotencyKey()).flatMap(keyed -> {
            if (keyed == null) {
                return Uni.createFrom().nullItem();
            }
            if (!keyed.requestHash().equals(hash)) {
                throw new OrderRejected(OrderRejected.Kind.CONFLICT,
                        "idempotency key '" + c.idempotencyKey() + "' was already used for a different order request");
            }
            // A replay of an order still awaiting payment asks again (Authorize is idempotent: no second charge), unless
            // an attempt is in flight already: then it answers with the order as it is.
            return orders.find(keyed.id()).flatMap(order -> order.status() == OrderStatus.AWAITING_PAYMENT
                    ? askAgain(order.id()) : Uni.createFrom().item(order));
        });
    }

    private Uni<Order> askAgain(UUID orderId) {
        return settlement.retry(orderId).flatMap(retried -> retried != null ? Uni.createFrom().item(retried) : orders.find(orderId));
    }
}
