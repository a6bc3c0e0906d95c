package dev.dispatch.order.service;

import java.util.UUID;

import dev.dispatch.order.model.Caller;
import dev.dispatch.order.model.Change;
import dev.dispatch.order.model.Order;
import dev.dispatch.order.model.OrderRejected;
import dev.dispatch.order.model.OrderStateMachine;
import dev.dispatch.order.model.OrderStatus;
import dev.dispatch.order.model.OrderValidator;
import dev.dispatch.order.model.PaymentStatus;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** DispatchOrder: an operator hands a PAID order to a courier device. */
@ApplicationScoped
public class OrderDispatch {

    private final OrderChanges changes;

    OrderDispatch(OrderChanges changes) {
        this.changes = changes;
    }

    public Uni<Order> dispatch(Caller caller, UUID orderId, String deviceId) {
        if (!caller.isOperator()) {
            throw new OrderRejected(OrderRejected.Kind.PERMISSION_DENIED, "only operators dispatch orders");
        }
        OrderValidator.deviceId(deviceId);
        return changes.apply(orderId, current -> {
            if (current.status() == OrderStatus.DISPATCHED && deviceId.equals(current.deviceId())) {
                return Change.keep(); // the same dispatch again, e.g. a retry after a lost response
            }
            if (current.status() == OrderStatus.PAID && current.payment().status() == PaymentStatus.REFUNDING) {
                throw new OrderRejected(OrderRejected.Kind.PRECONDITION, "order " + orderId + " is being cancelled");
            }
            return Change.transition(OrderStateMachine.move(current, OrderStatus.DISPATCHED, null).withDevice(deviceId));
        });
    }
}
