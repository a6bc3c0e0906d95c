package dev.dispatch.order.service;

import java.util.UUID;

import dev.dispatch.order.model.Change;
import dev.dispatch.order.model.Order;
import dev.dispatch.order.model.OrderRejected;
import dev.dispatch.order.model.OrderStateMachine;
import dev.dispatch.order.model.OrderStatus;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * DELIVERED: the courier's device reported the hand-over, iot-ingest published delivery-completed, and the
 * order follows, once per event however often the broker redelivers it.
 */
@ApplicationScoped
public class OrderDelivery {

    private final OrderChanges changes;

    OrderDelivery(OrderChanges changes) {
        this.changes = changes;
    }

    /**
     * FAILED_PRECONDITION when the order is not out for delivery or another device carries it: such an event
     * contradicts what this service knows and is kept on the dead-letter queue for a person to look at. The event is
     * known by its CloudEvents source and id.
     */
    public Uni<Order> delivered(String eventSource, String eventId, UUID orderId, String deviceId) {
        return changes.applyOnce(eventSource, eventId, orderId, current -> {
            if (current.status() == OrderStatus.DELIVERED && deviceId.equals(current.deviceId())) {
                return Change.keep(); // a second completion of the same delivery, under another event id
            }
            if (current.status() == OrderStatus.DISPATCHED && !deviceId.equals(current.deviceId())) {
                throw new OrderRejected(OrderRejected.Kind.PRECONDITION,
                        "order " + orderId + " is carried by device " + current.deviceId() + ", not " + deviceId);
            }
            return Change.transition(OrderStateMachine.move(current, OrderStatus.DELIVERED, null));
        });
    }
}
