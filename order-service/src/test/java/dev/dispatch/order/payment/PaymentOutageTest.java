package dev.dispatch.order.payment;

import static dev.dispatch.order.support.Orders.assertStatus;
import static dev.dispatch.order.support.Orders.cancel;
import static dev.dispatch.order.support.Orders.dispatch;
import static dev.dispatch.order.support.Orders.eventTypes;
import static dev.dispatch.order.support.Orders.get;
import static dev.dispatch.order.support.Orders.newCustomer;
import static dev.dispatch.order.support.Orders.place;
import static dev.dispatch.order.support.Orders.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.dispatch.order.support.Caller;
import dev.dispatch.order.support.FakePaymentService;
import dev.dispatch.proto.order.v1.Order;
import dev.dispatch.proto.order.v1.OrderService;
import dev.dispatch.proto.order.v1.OrderStatus;
import dev.dispatch.proto.order.v1.PaymentOutcomeStatus;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcService;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.inject.Inject;

/**
 * payment-service away, slow or back: orders are never lost, are retried until the bound, keep no
 * money they should not, and every state change still has exactly one event. (Test timers: one call's
 * deadline 700 ms, retry bound 6 s, scheduler every 1 s, circuit breaker open for 1 s.)
 */
@QuarkusTest
class PaymentOutageTest {

    private static final Duration LONG = Duration.ofSeconds(30);

    @GrpcClient("orders")
    OrderService orders;

    @Inject
    @GrpcService
    FakePaymentService payments;

    @Inject
    CircuitBreakerMaintenance breakers;

    @AfterEach
    void paymentServiceBack() {
        payments.up();
        breakers.resetAll();
    }

    @Test
    void anOrderPlacedWhilePaymentIsDownAwaitsPaymentThenIsPaidExactlyOnce() {
        payments.down();
        Caller customer = newCustomer();

        Order placed = place(orders, customer, request());

        assertThat(placed.getStatus()).isEqualTo(OrderStatus.ORDER_STATUS_AWAITING_PAYMENT);
        assertThat(placed.getPayment().getStatus()).isEqualTo(PaymentOutcomeStatus.PAYMENT_OUTCOME_STATUS_PENDING);
        assertThat(payments.authorizeCalls(placed.getId())).isPositive();
        assertStatus(() -> dispatch(orders, placed.getId(), "tracker-1"), Status.Code.FAILED_PRECONDITION);

        payments.up();

        await().atMost(LONG).until(() -> get(orders, customer, placed.getId()).getStatus() == OrderStatus.ORDER_STATUS_PAID);
        assertThat(payments.payment(placed.getId())).isNotNull();
        assertThat(eventTypes(placed.getId())).containsExactly("dispatch.order.placed", "dispatch.order.paid");
    }

    @Test
    void anOrderWhosePaymentStaysDownPastTheBoundFailsWithAReason() {
        payments.down();
        Caller customer = newCustomer();
        Order placed = place(orders, customer, request());

        await().atMost(LONG).until(() -> get(orders, customer, placed.getId()).getStatus() == OrderStatus.ORDER_STATUS_PAYMENT_FAILED);

        Order failed = get(orders, customer, placed.getId());
        assertThat(failed.getStatusReason()).contains("did not answer");
        assertThat(failed.getPayment().getReason()).isEqualTo("payment_unavailable");
        assertThat(eventTypes(placed.getId())).containsExactly("dispatch.order.placed", "dispatch.order.payment-failed");

        // Once payment-service answers, it is asked whether anything was charged after all: nothing was.
        payments.up();
        await().atMost(LONG).until(() -> get(orders, customer, placed.getId()).getPayment().getReason().equals("not_charged"));
        assertThat(get(orders, customer, placed.getId()).getPayment().getStatus()).isEqualTo(PaymentOutcomeStatus.PAYMENT_OUTCOME_STATUS_FAILED);
        assertThat(payments.payment(placed.getId())).isNull();
        assertThat(eventTypes(placed.getId())).hasSize(2);
    }

    @Test
    void theCircuitBreakerOpensAndStopsCallingAPaymentServiceThatIsDown() {
        payments.down();
        Caller customer = newCustomer();
        place(orders, customer, request());
        place(orders, customer, request());

        assertThat(breakers.currentState("payment-authorize")).isEqualTo(CircuitBreakerState.OPEN);
        int callsWhenOpen = payments.authorizeCalls();
        Order whileOpen = place(orders, customer, request());
        assertThat(whileOpen.getStatus()).isEqualTo(OrderStatus.ORDER_STATUS_AWAITING_PAYMENT);
        assertThat(payments.authorizeCalls(whileOpen.getId())).isZero();
        assertThat(payments.authorizeCalls()).isEqualTo(callsWhenOpen);

        payments.up();
        await().atMost(LONG).until(() -> get(orders, customer, whileOpen.getId()).getStatus() == OrderStatus.ORDER_STATUS_PAID);
        assertThat(breakers.currentState("payment-authorize")).isEqualTo(CircuitBreakerState.CLOSED);
    }

    @Test
    void anOrderCancelledWhileAwaitingPaymentKeepsNoMoney() {
        payments.down();
        Caller customer = newCustomer();
        Order placed = place(orders, customer, request());

        Order cancelled = cancel(orders, customer, placed.getId());

        assertThat(cancelled.getStatus()).isEqualTo(OrderStatus.ORDER_STATUS_CANCELLED);
        payments.up();
        await().atMost(LONG).until(() -> get(orders, customer, placed.getId()).getPayment().getReason().equals("not_charged"));
        assertThat(payments.payment(placed.getId())).isNull();
        assertThat(eventTypes(placed.getId())).containsExactly("dispatch.order.placed", "dispatch.order.cancelled");
    }

    @Test
    void aLateAuthorizationOfACancelledOrderIsRefunded() {
        // payment-service charges but answers after the deadline: the order only knows it got no answer.
        payments.slow(Duration.ofSeconds(2));
        Caller customer = newCustomer();
        Order placed = place(orders, customer, request());
        assertThat(placed.getStatus()).isEqualTo(OrderStatus.ORDER_STATUS_AWAITING_PAYMENT);

        cancel(orders, customer, placed.getId());
        payments.up();

        await().atMost(LONG).until(() -> get(orders, customer, placed.getId()).getPayment().getStatus()
                == PaymentOutcomeStatus.PAYMENT_OUTCOME_STATUS_REFUNDED);
        assertThat(payments.refund("refund-" + placed.getId()).getPayment().getRefunded().getAmountMinor()).isEqualTo(2800);
        assertThat(get(orders, customer, placed.getId()).getStatus()).isEqualTo(OrderStatus.ORDER_STATUS_CANCELLED);
        assertThat(eventTypes(placed.getId())).containsExactly("dispatch.order.placed", "dispatch.order.cancelled");
    }

    @Test
    void aCancellationWhoseRefundCannotBeMadeNowCompletesLater() {
        Caller customer = newCustomer();
        Order paid = place(orders, customer, request());
        payments.down();

        assertStatus(() -> cancel(orders, customer, paid.getId()), Status.Code.UNAVAILABLE);

        Order meanwhile = get(orders, customer, paid.getId());
        assertThat(meanwhile.getStatus()).isEqualTo(OrderStatus.ORDER_STATUS_PAID);
        assertThat(meanwhile.getPayment().getReason()).isEqualTo("refund_pending");
        assertStatus(() -> dispatch(orders, paid.getId(), "tracker-1"), Status.Code.FAILED_PRECONDITION);

        payments.up();
        await().atMost(LONG).until(() -> get(orders, customer, paid.getId()).getStatus() == OrderStatus.ORDER_STATUS_CANCELLED);
        assertThat(get(orders, customer, paid.getId()).getPayment().getStatus()).isEqualTo(PaymentOutcomeStatus.PAYMENT_OUTCOME_STATUS_REFUNDED);
        assertThat(payments.refundsOf(paid.getId())).hasSize(1);
        assertThat(eventTypes(paid.getId())).containsExactly("dispatch.order.placed", "dispatch.order.paid", "dispatch.order.cancelled");
    }
}
