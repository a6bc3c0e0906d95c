package dev.dispatch.order.grpc;

import static dev.dispatch.order.support.Orders.as;
import static dev.dispatch.order.support.Orders.TIMEOUT;
import static dev.dispatch.order.support.Orders.assertStatus;
import static dev.dispatch.order.support.Orders.count;
import static dev.dispatch.order.support.Orders.eventTypes;
import static dev.dispatch.order.support.Orders.newCustomer;
import static dev.dispatch.order.support.Orders.place;
import static dev.dispatch.order.support.Orders.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.dispatch.order.support.Caller;
import dev.dispatch.order.support.FakePaymentService;
import dev.dispatch.proto.order.v1.Order;
import dev.dispatch.proto.order.v1.OrderService;
import dev.dispatch.proto.order.v1.OrderStatus;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcService;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;

/** The idempotency key: the same request under the same key is the same order, however often and however concurrently. */
@QuarkusTest
class IdempotentPlacementTest {

    @GrpcClient("orders")
    OrderService orders;

    @Inject
    @GrpcService
    FakePaymentService payments;

    @Test
    void theSameKeyAndRequestReturnTheSameOrderAndChargeOnce() {
        Caller customer = newCustomer();
        String key = UUID.randomUUID().toString();

        Order first = place(orders, customer, request().setIdempotencyKey(key));
        Order again = place(orders, customer, request().setIdempotencyKey(key));

        assertThat(again).isEqualTo(first);
        assertThat(payments.authorizeCalls(first.getId())).isEqualTo(1);
        assertThat(rowsWithKey(customer, key)).isEqualTo(1);
        assertThat(eventTypes(first.getId())).containsExactly("dispatch.order.placed", "dispatch.order.paid");
    }

    @Test
    void theSameKeyWithAnotherRequestIsAlreadyExists() {
        Caller customer = newCustomer();
        String key = UUID.randomUUID().toString();
        Order first = place(orders, customer, request().setIdempotencyKey(key));

        assertStatus(() -> place(orders, customer, request().setIdempotencyKey(key).setPaymentToken("tok_fraud")), Status.Code.ALREADY_EXISTS);
        assertStatus(() -> place(orders, customer, request().setIdempotencyKey(key).setCurrency("USD")), Status.Code.ALREADY_EXISTS);
        assertThat(rowsWithKey(customer, key)).isEqualTo(1);
        assertThat(payments.authorizeCalls(first.getId())).isEqualTo(1);
    }

    @Test
    void keysBelongToOneCustomer() {
        String key = UUID.randomUUID().toString();

        Order alices = place(orders, newCustomer(), request().setIdempotencyKey(key));
        Order bobs = place(orders, newCustomer(), request().setIdempotencyKey(key));

        assertThat(bobs.getId()).isNotEqualTo(alices.getId());
    }

    @Test
    void withoutAKeyEveryRequestIsANewOrder() {
        Caller customer = newCustomer();

        assertThat(place(orders, customer, request()).getId()).isNotEqualTo(place(orders, customer, request()).getId());
    }

    @Test
    void concurrentDuplicatesMakeExactlyOneOrder() {
        Caller customer = newCustomer();
        String key = UUID.randomUUID().toString();

        List<Order> results = Uni.join().all(IntStream.range(0, 12)
                        .mapToObj(i -> as(orders, customer).placeOrder(request().setIdempotencyKey(key).build()))
                        .toList())
                .andFailFast().await().atMost(TIMEOUT);

        String orderId = results.get(0).getId();
        assertThat(results).extracting(Order::getId).containsOnly(orderId);
        assertThat(rowsWithKey(customer, key)).isEqualTo(1);
        assertThat(count("select count(*) from customer_order where customer_id = '" + customer.subject() + "'")).isEqualTo(1);
        // Losers of the race may have asked payment-service too; it keeps one payment per order, and there is one paid event.
        assertThat(payments.payment(orderId).getStatus().name()).isEqualTo("PAYMENT_STATUS_AUTHORIZED");
        assertThat(results).extracting(Order::getStatus).contains(OrderStatus.ORDER_STATUS_PAID);
        assertThat(eventTypes(orderId)).containsExactly("dispatch.order.placed", "dispatch.order.paid");
    }

    private static long rowsWithKey(Caller customer, String key) {
        return count("select count(*) from customer_order where customer_id = '" + customer.subject()
                + "' and idempotency_key = '" + key + "'");
    }
}
