package dev.dispatch.order.grpc;

import static dev.dispatch.order.support.Orders.OPERATOR;
import static dev.dispatch.order.support.Orders.assertStatus;
import static dev.dispatch.order.support.Orders.cancel;
import static dev.dispatch.order.support.Orders.dispatch;
import static dev.dispatch.order.support.Orders.eventTypes;
import static dev.dispatch.order.support.Orders.get;
import static dev.dispatch.order.support.Orders.newCustomer;
import static dev.dispatch.order.support.Orders.place;
import static dev.dispatch.order.support.Orders.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

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
import jakarta.inject.Inject;

/** Each transition of the lifecycle and each illegal one, over real gRPC against a real database. */
@QuarkusTest
class OrderLifecycleTest {

    @GrpcClient("orders")
    OrderService orders;

    @Inject
    @GrpcService
    FakePaymentService payments;

    @Test
    void anApprovedOrderIsPaid() {
        Caller customer = newCustomer();
        Order order = place(orders, customer, request());

        assertThat(order.getStatus()).isEqualTo(OrderStatus.ORDER_STATUS_PAID);
        assertThat(order.getCustomerId()).isEqualTo(customer.subject());
        assertThat(order.getTotal().getAmountMinor()).isEqualTo(2800);
        assertThat(order.getTotal().getCurrency()).isEqualTo("EUR");
        assertThat(order.getItemsList()).hasSize(2);
        assertThat(order.getPayment().getStatus()).isEqualTo(PaymentOutcomeStatus.PAYMENT_OUTCOME_STATUS_AUTHORIZED);
        assertThat(order.getPayment().getPaymentId()).isEqualTo(payments.payment(order.getId()).getId());
        assertThat(order.getVersion()).isEqualTo(2);
        assertThat(order.hasCreatedAt()).isTrue();
        assertThat(eventTypes(order.getId())).containsExactly("dispatch.order.placed", "dispatch.order.paid");
        assertThat(get(orders, customer, order.getId())).isEqualTo(order);
    }

    @Test
    void aDeclinedPaymentDeclinesTheOrder() {
        Order poor = place(orders, newCustomer(), request().setPaymentToken("tok_insufficient_funds"));
        Order fraud = place(orders, newCustomer(), request().setPaymentToken("tok_fraud"));

        assertThat(poor.getStatus()).isEqualTo(OrderStatus.ORDER_STATUS_PAYMENT_DECLINED);
        assertThat(poor.getStatusReason()).isEqualTo("insufficient_funds");
        assertThat(poor.getPayment().getStatus()).isEqualTo(PaymentOutcomeStatus.PAYMENT_OUTCOME_STATUS_DECLINED);
        assertThat(poor.getPayment().getReason()).isEqualTo("insufficient_funds");
        assertThat(fraud.getStatusReason()).isEqualTo("fraud_suspected");
        assertThat(eventTypes(poor.getId())).containsExactly("dispatch.order.placed", "dispatch.order.payment-declined");
    }

    @Test
    void cancellingAPaidOrderRefundsItThenCancelsIt() {
        Caller customer = newCustomer();
        Order paid = place(orders, customer, request());

        Order cancelled = cancel(orders, customer, paid.getId());

        assertThat(cancelled.getStatus()).isEqualTo(OrderStatus.ORDER_STATUS_CANCELLED);
        assertThat(cancelled.getStatusReason()).isEqualTo("changed my mind");
        assertThat(cancelled.getPayment().getStatus()).isEqualTo(PaymentOutcomeStatus.PAYMENT_OUTCOME_STATUS_REFUNDED);
        assertThat(cancelled.getVersion()).isEqualTo(3);
        assertThat(payments.refund("refund-" + paid.getId()).getPayment().getRefunded().getAmountMinor()).isEqualTo(2800);
        assertThat(eventTypes(paid.getId())).containsExactly("dispatch.order.placed", "dispatch.order.paid", "dispatch.order.cancelled");
    }

    @Test
    void cancellingTwiceAnswersWithTheCancelledOrderAndChangesNothing() {
        Caller customer = newCustomer();
        Order paid = place(orders, customer, request());
        Order first = cancel(orders, customer, paid.getId());

        Order second = cancel(orders, customer, paid.getId());

        assertThat(second).isEqualTo(first);
        assertThat(payments.refundsOf(paid.getId())).hasSize(1);
        assertThat(eventTypes(paid.getId())).hasSize(3);
    }

    @Test
    void anOperatorDispatchesAPaidOrder() {
        Order paid = place(orders, newCustomer(), request());

        Order dispatched = dispatch(orders, paid.getId(), "tracker-7");

        assertThat(dispatched.getStatus()).isEqualTo(OrderStatus.ORDER_STATUS_DISPATCHED);
        assertThat(dispatched.getDeviceId()).isEqualTo("tracker-7");
        assertThat(dispatched.getVersion()).isEqualTo(3);
        // The same dispatch again (a retry) changes nothing; another device is another dispatch, which is illegal now.
        assertThat(dispatch(orders, paid.getId(), "tracker-7")).isEqualTo(dispatched);
        assertStatus(() -> dispatch(orders, paid.getId(), "tracker-8"), Status.Code.FAILED_PRECONDITION);
        assertThat(eventTypes(paid.getId())).containsExactly("dispatch.order.placed", "dispatch.order.paid", "dispatch.order.dispatched");
    }

    @Test
    void aDispatchedOrderCannotBeCancelled() {
        Caller customer = newCustomer();
        Order paid = place(orders, customer, request());
        dispatch(orders, paid.getId(), "tracker-1");

        assertStatus(() -> cancel(orders, customer, paid.getId()), Status.Code.FAILED_PRECONDITION);
        assertStatus(() -> cancel(orders, OPERATOR, paid.getId()), Status.Code.FAILED_PRECONDITION);
        assertThat(payments.refundsOf(paid.getId())).isEmpty();
        assertThat(get(orders, customer, paid.getId()).getStatus()).isEqualTo(OrderStatus.ORDER_STATUS_DISPATCHED);
    }

    @Test
    void declinedAndCancelledOrdersCannotBeDispatchedNorCancelled() {
        Caller customer = newCustomer();
        Order declined = place(orders, customer, request().setPaymentToken("tok_fraud"));
        Order cancelled = cancel(orders, customer, place(orders, customer, request()).getId());

        assertStatus(() -> dispatch(orders, declined.getId(), "tracker-1"), Status.Code.FAILED_PRECONDITION);
        assertStatus(() -> cancel(orders, customer, declined.getId()), Status.Code.FAILED_PRECONDITION);
        assertStatus(() -> dispatch(orders, cancelled.getId(), "tracker-1"), Status.Code.FAILED_PRECONDITION);
        assertThat(eventTypes(declined.getId())).hasSize(2);
        assertThat(eventTypes(cancelled.getId())).hasSize(3);
    }

    @Test
    void unknownAndMalformedOrderIds() {
        Caller customer = newCustomer();
        String unknown = UUID.randomUUID().toString();

        assertStatus(() -> get(orders, customer, unknown), Status.Code.NOT_FOUND);
        assertStatus(() -> get(orders, OPERATOR, unknown), Status.Code.NOT_FOUND);
        assertStatus(() -> cancel(orders, customer, unknown), Status.Code.NOT_FOUND);
        assertStatus(() -> dispatch(orders, unknown, "tracker-1"), Status.Code.NOT_FOUND);
        assertStatus(() -> get(orders, customer, "not-an-id"), Status.Code.INVALID_ARGUMENT);
        assertStatus(() -> dispatch(orders, place(orders, customer, request()).getId(), "bad device id!"), Status.Code.INVALID_ARGUMENT);
    }
}
