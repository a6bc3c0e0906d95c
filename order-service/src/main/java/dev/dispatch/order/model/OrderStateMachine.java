package dev.dispatch.order.model;

import static dev.dispatch.order.model.OrderStatus.AWAITING_PAYMENT;
import static dev.dispatch.order.model.OrderStatus.CANCELLED;
import static dev.dispatch.order.model.OrderStatus.DELIVERED;
import static dev.dispatch.order.model.OrderStatus.DISPATCHED;
import static dev.dispatch.order.model.OrderStatus.PAID;
import static dev.dispatch.order.model.OrderStatus.PAYMENT_DECLINED;
import static dev.dispatch.order.model.OrderStatus.PAYMENT_FAILED;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** The order lifecycle (DESIGN.md §4): which status may follow which. */
public final class OrderStateMachine {

    private static final Map<OrderStatus, Set<OrderStatus>> NEXT = Map.of(
            AWAITING_PAYMENT, EnumSet.of(PAID, PAYMENT_DECLINED, PAYMENT_FAILED, CANCELLED),
            PAID, EnumSet.of(DISPATCHED, CANCELLED),
            DISPATCHED, EnumSet.of(DELIVERED));

    private OrderStateMachine() {
    }

    public static boolean allows(OrderStatus from, OrderStatus to) {
        return NEXT.getOrDefault(from, Set.of()).contains(to);
    }

    /** The order in its new status, or FAILED_PRECONDITION when the lifecycle forbids the step. */
    public static Order move(Order order, OrderStatus to, String reason) {
        if (!allows(order.status(), to)) {
            throw new OrderRejected(OrderRejected.Kind.PRECONDITION,
                    "order " + order.id() + " is " + order.status() + " and cannot become " + to);
        }
        return order.withStatus(to, reason);
    }
}
