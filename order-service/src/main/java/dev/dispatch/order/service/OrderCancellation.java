package dev.dispatch.order.service;

import java.util.UUID;

import dev.dispatch.order.model.Caller;
import dev.dispatch.order.model.Change;
import dev.dispatch.order.model.Order;
import dev.dispatch.order.model.OrderRejected;
import dev.dispatch.order.model.OrderStateMachine;
import dev.dispatch.order.model.OrderStatus;
import dev.dispatch.order.model.PaymentStatus;
import dev.dispatch.order.payment.PaymentClient;
import dev.dispatch.order.payment.PaymentMapper;
import dev.dispatch.order.payment.PaymentRefused;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * CancelOrder. An order awaiting payment is cancelled at once (a payment that lands later is
 * refunded by {@link PaymentSettlement#settleEnded}). A PAID order is refunded first and cancelled
 * after: the refund is marked as started on the order (REFUNDING, which also blocks dispatch), then
 * asked of payment-service under a refund id that follows from the order id, and only its success
 * moves the order to CANCELLED. If payment-service is away the cancellation stays started, and a
 * repeated cancel or the scheduler completes it.
 */
@ApplicationScoped
public class OrderCancellation {

    private static final int MAX_REASON = 500;

    private final OrderChanges changes;
    private final PaymentClient payments;

    OrderCancellation(OrderChanges changes, PaymentClient payments) {
        this.changes = changes;
        this.payments = payments;
    }

    public Uni<Order> cancel(Caller caller, UUID orderId, String reason) {
        if (reason != null && reason.length() > MAX_REASON) {
            throw OrderRejected.invalid("reason", "must be at most " + MAX_REASON + " characters");
        }
        String why = reason == null || reason.isBlank() ? "cancelled by " + (caller.isOperator() ? "an operator" : "the customer") : reason;
        return changes.apply(orderId, current -> start(caller, current, why))
                .flatMap(order -> isRefunding(order) ? completeRefund(order) : Uni.createFrom().item(order));
    }

    /** Refunds a PAID order whose cancellation started, then cancels it; the same refund however often it runs. */
    public Uni<Order> completeRefund(Order order) {
        return payments.refund(PaymentMapper.toRefundRequest(order, order.totalMinor(), order.cancelReason()))
                .flatMap(refund -> changes.apply(order.id(), current -> isRefunding(current)
                        ? Change.transition(OrderStateMachine.move(current, OrderStatus.CANCELLED, current.cancelReason())
                                .withPayment(current.payment().withStatus(PaymentStatus.REFUNDED, null)))
                        : Change.keep()))
                .onFailure(PaymentClient::isUnavailable).transform(failure -> new OrderRejected(OrderRejected.Kind.UNAVAILABLE,
                        "payment-service is unavailable; the cancellation of order " + order.id()
                                + " has started and completes once the refund goes through"))
                .onFailure(PaymentRefused.class).transform(failure -> new OrderRejected(OrderRejected.Kind.PRECONDITION,
                        "the refund for order " + order.id() + " was refused: " + failure.getMessage()));
    }

    private static Change start(Caller caller, Order current, String reason) {
        if (!caller.maySee(current)) {
            throw OrderRejected.notFound(current.id().toString());
        }
        return switch (current.status()) {
            // Cancelling again is answered with the cancelled order (e.g. a retry after a lost response).
            case CANCELLED -> Change.keep();
            case AWAITING_PAYMENT -> Change.transition(OrderStateMachine.move(current, OrderStatus.CANCELLED, reason).withCancelReason(reason));
            case PAID -> isRefunding(current)
                    ? Change.keep()
                    : Change.update(current.withCancelReason(reason).withPayment(current.payment().withStatus(PaymentStatus.REFUNDING, null)));
            default -> Change.transition(OrderStateMachine.move(current, OrderStatus.CANCELLED, reason)); // refused by the state machine
        };
    }

    private static boolean isRefunding(Order order) {
        return order.status() == OrderStatus.PAID && order.payment().status() == PaymentStatus.REFUNDING;
    }
}
