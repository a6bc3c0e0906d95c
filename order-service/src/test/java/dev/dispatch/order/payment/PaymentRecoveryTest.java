package dev.dispatch.order.payment;

import static dev.dispatch.order.support.Orders.as;
import static dev.dispatch.order.support.Orders.count;
import static dev.dispatch.order.support.Orders.eventTypes;
import static dev.dispatch.order.support.Orders.get;
import static dev.dispatch.order.support.Orders.newCustomer;
import static dev.dispatch.order.support.Orders.place;
import static dev.dispatch.order.support.Orders.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.dispatch.order.support.Caller;
import dev.dispatch.order.support.FakePaymentService;
import dev.dispatch.proto.order.v1.Order;
import dev.dispatch.proto.order.v1.OrderService;
import dev.dispatch.proto.order.v1.OrderStatus;
import dev.dispatch.proto.order.v1.PlaceOrderRequest;
import dev.dispatch.testsupport.postgres.TestDatabase;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcService;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;

/**
 * payment-service back after an outage that left a backlog: the orders awaiting payment are settled as fast as it
 * answers, not a batch per period, and no order is ever asked for twice at the same time. With the production period
 * (a retry every 5 s, 50 orders a round) and a retry bound long enough to build the backlog; payment-service answers
 * each call after a few milliseconds, as a real one does. {@code -Dbacklog=1000} changes the backlog's size.
 */
@QuarkusTest
@TestProfile(PaymentRecoveryTest.ProductionPeriod.class)
class PaymentRecoveryTest {

    private static final int BACKLOG = Integer.getInteger("backlog", 600);
    /**
     * From payment-service back to the last order paid. A batch per period needs at least (600 / 50 - 1) × 5 s = 55 s
     * for 600 orders; draining needs the wait for the next period (≤ 5 s) and the circuit breaker (≤ 1 s), then seconds.
     */
    private static final Duration SETTLED = Duration.ofSeconds(30);
    private static final Duration PAYMENT_LATENCY = Duration.ofMillis(5);

    public static class ProductionPeriod implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dispatch.order.payment.retry-every", "5s", "dispatch.order.payment.retry-bound", "10m");
        }
    }

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
    void aBacklogLeftByAnOutageIsSettledAsFastAsPaymentServiceAnswersEachOrderOnce() {
        payments.down();
        Caller customer = newCustomer();
        List<String> backlog = placeMany(customer, BACKLOG);
        assertThat(awaiting(customer)).isEqualTo(BACKLOG);
        int overlapsBefore = payments.overlappingAuthorizations();

        payments.up(PAYMENT_LATENCY);
        Map<String, Integer> callsBefore = backlog.stream().collect(Collectors.toMap(Function.identity(), payments::authorizeCalls));
        long back = System.nanoTime();

        await().pollInterval(Duration.ofMillis(100)).atMost(SETTLED).until(() -> awaiting(customer) == 0);
        long settledAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - back);
        System.out.printf("%d orders awaiting payment settled %d ms after payment-service was back; the first to the last paid: %s s%n",
                BACKLOG, settledAfter, TestDatabase.column("select extract(epoch from max(updated_at) - min(updated_at)) from customer_order"
                        + " where customer_id = '" + customer.subject() + "'").get(0));

        assertThat(count("select count(*) from customer_order where customer_id = '" + customer.subject() + "' and status = 'PAID'"))
                .isEqualTo(BACKLOG);
        // Each paid once: one payment, one "paid" event, and at most the one call that paid it since payment-service was back.
        assertThat(count("select count(*) from outbox_event e join customer_order o on o.id::text = e.aggregate_id"
                + " where o.customer_id = '" + customer.subject() + "' and e.type = 'dispatch.order.paid'")).isEqualTo(BACKLOG);
        assertThat(backlog).allSatisfy(id -> {
            assertThat(payments.payment(id)).as(id).isNotNull();
            assertThat(payments.authorizeCalls(id) - callsBefore.get(id)).as(id).isLessThanOrEqualTo(1);
        });
        assertThat(payments.overlappingAuthorizations()).isEqualTo(overlapsBefore);
    }

    @Test
    void replaysRacingForAnOrderAwaitingPaymentAskPaymentServiceOnce() {
        payments.down();
        Caller customer = newCustomer();
        PlaceOrderRequest.Builder request = request().setIdempotencyKey(UUID.randomUUID().toString());
        Order placed = place(orders, customer, request);
        assertThat(placed.getStatus()).isEqualTo(OrderStatus.ORDER_STATUS_AWAITING_PAYMENT);
        // PlaceOrder's own attempt holds the order for a while; the race is for the next one.
        await().atMost(Duration.ofSeconds(10)).until(() -> count("select count(*) from customer_order where id = '" + placed.getId()
                + "' and payment_attempt_until <= now()") == 1);
        int overlapsBefore = payments.overlappingAuthorizations();
        payments.up(Duration.ofMillis(300));
        int callsBefore = payments.authorizeCalls(placed.getId());

        List<Order> replies = Multi.createFrom().range(0, 20)
                .onItem().transformToUni(i -> as(orders, customer).placeOrder(request.build())).merge(20)
                .collect().asList().await().atMost(Duration.ofSeconds(30));

        assertThat(replies).extracting(Order::getId).containsOnly(placed.getId());
        await().atMost(Duration.ofSeconds(15)).until(() -> get(orders, customer, placed.getId()).getStatus() == OrderStatus.ORDER_STATUS_PAID);
        assertThat(payments.authorizeCalls(placed.getId()) - callsBefore).isEqualTo(1);
        assertThat(payments.overlappingAuthorizations()).isEqualTo(overlapsBefore);
        assertThat(eventTypes(placed.getId())).containsExactly("dispatch.order.placed", "dispatch.order.paid");
    }

    /** {@code n} orders of the customer, placed 16 at a time, as a busy hour sends them. */
    private List<String> placeMany(Caller customer, int n) {
        return Multi.createFrom().range(0, n)
                .onItem().transformToUni(i -> as(orders, customer).placeOrder(request().build())).merge(16)
                .map(Order::getId)
                .collect().asList().await().atMost(Duration.ofMinutes(2));
    }

    private static long awaiting(Caller customer) {
        return count("select count(*) from customer_order where customer_id = '" + customer.subject() + "' and status = 'AWAITING_PAYMENT'");
    }
}
