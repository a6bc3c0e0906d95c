package dev.dispatch.order.model;

import static dev.dispatch.order.model.OrderStatus.AWAITING_PAYMENT;
import static dev.dispatch.order.model.OrderStatus.CANCELLED;
import static dev.dispatch.order.model.OrderStatus.DELIVERED;
import static dev.dispatch.order.model.OrderStatus.DISPATCHED;
import static dev.dispatch.order.model.OrderStatus.PAID;
import static dev.dispatch.order.model.OrderStatus.PAYMENT_DECLINED;
import static dev.dispatch.order.model.OrderStatus.PAYMENT_FAILED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The lifecycle of the README, step by step: every allowed move, and every other one refused. */
class OrderStateMachineTest {

    private static final Map<OrderStatus, Set<OrderStatus>> LIFECYCLE = Map.of(
            AWAITING_PAYMENT, EnumSet.of(PAID, PAYMENT_DECLINED, PAYMENT_FAILED, CANCELLED),
            PAID, EnumSet.of(DISPATCHED, CANCELLED),
            DISPATCHED, EnumSet.of(DELIVERED));

    @Test
    void allowsExactlyTheStepsOfTheLifecycle() {
        for (OrderStatus from : OrderStatus.values()) {
            for (OrderStatus to : OrderStatus.values()) {
                boolean expected = LIFECYCLE.getOrDefault(from, Set.of()).contains(to);
                assertThat(OrderStateMachine.allows(from, to)).as(from + " -> " + to).isEqualTo(expected);
            }
        }
    }

    @Test
    void nothingFollowsAFinalStatusAndOnlyFinalStatusesEndIt() {
        for (OrderStatus status : OrderStatus.values()) {
            boolean hasNext = EnumSet.allOf(OrderStatus.class).stream().anyMatch(to -> OrderStateMachine.allows(status, to));
            assertThat(status.isFinal()).as(status.name()).isEqualTo(!hasNext);
        }
    }

    @Test
    void noStatusFollowsItself() {
        for (OrderStatus status : OrderStatus.values()) {
            assertThat(OrderStateMachine.allows(status, status)).as(status.name()).isFalse();
        }
    }

    @Test
    void aMoveChangesTheStatusAndReasonOnly() {
        Order paid = order(PAID);

        Order cancelled = OrderStateMachine.move(paid, CANCELLED, "changed my mind");

        assertThat(cancelled.status()).isEqualTo(CANCELLED);
        assertThat(cancelled.statusReason()).isEqualTo("changed my mind");
        assertThat(cancelled.withStatus(PAID, null)).isEqualTo(paid);
    }

    @Test
    void aForbiddenMoveIsAFailedPrecondition() {
        Order delivered = order(DELIVERED);

        assertThatThrownBy(() -> OrderStateMachine.move(delivered, CANCELLED, "too late"))
                .isInstanceOfSatisfying(OrderRejected.class, e -> {
                    assertThat(e.kind()).isEqualTo(OrderRejected.Kind.PRECONDITION);
                    assertThat(e.getMessage()).contains(delivered.id().toString(), "DELIVERED", "CANCELLED");
                });
        assertThatThrownBy(() -> OrderStateMachine.move(order(AWAITING_PAYMENT), DISPATCHED, null)).isInstanceOf(OrderRejected.class);
        assertThatThrownBy(() -> OrderStateMachine.move(order(PAID), AWAITING_PAYMENT, null)).isInstanceOf(OrderRejected.class);
    }

    static Order order(OrderStatus status) {
        OffsetDateTime now = OffsetDateTime.parse("2026-01-01T12:00:00Z");
        return new Order(UUID.randomUUID(), "customer-1", status, null, List.of(new OrderLine("PIZZA", "Pizza", 2, 1250)), "EUR", 2500,
                new DeliveryAddress("Unter den Linden 1", "Berlin", "10117", "DE", 52.517, 13.3889), null, "tok_approve",
                PaymentState.PENDING, null, null, 1, now, now);
    }
}
