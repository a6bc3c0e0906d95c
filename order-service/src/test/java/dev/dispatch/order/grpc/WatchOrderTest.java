package dev.dispatch.order.grpc;

import static dev.dispatch.order.support.Orders.as;
import static dev.dispatch.order.support.Orders.cancel;
import static dev.dispatch.order.support.Orders.dispatch;
import static dev.dispatch.order.support.Orders.get;
import static dev.dispatch.order.support.Orders.newCustomer;
import static dev.dispatch.order.support.Orders.place;
import static dev.dispatch.order.support.Orders.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.dispatch.order.support.Caller;
import dev.dispatch.order.support.FakePaymentService;
import dev.dispatch.order.support.Json;
import dev.dispatch.order.support.Orders;
import dev.dispatch.proto.order.v1.Order;
import dev.dispatch.proto.order.v1.OrderService;
import dev.dispatch.proto.order.v1.OrderStatus;
import dev.dispatch.proto.order.v1.OrderUpdate;
import dev.dispatch.proto.order.v1.WatchOrderRequest;
import dev.dispatch.testsupport.postgres.TestDatabase;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcService;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import jakarta.inject.Inject;

/** WatchOrder over a real gRPC stream: the order first, then each change as it is committed, until it is final. */
@QuarkusTest
class WatchOrderTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

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
    void seesThePaidOrderThenItsCancellationAndEnds() {
        Caller customer = newCustomer();
        Order paid = place(orders, customer, request());
        AssertSubscriber<OrderUpdate> watcher = watch(customer, paid.getId());
        watcher.awaitItems(1, WAIT);

        cancel(orders, customer, paid.getId());

        watcher.awaitCompletion(WAIT);
        List<OrderUpdate> updates = watcher.getItems();
        assertThat(updates).extracting(u -> u.getOrder().getStatus())
                .containsExactly(OrderStatus.ORDER_STATUS_PAID, OrderStatus.ORDER_STATUS_CANCELLED);
        assertThat(updates.get(0).getEventId()).isEmpty();
        assertThat(updates.get(1).getEventType()).isEqualTo("dispatch.order.cancelled");
        assertThat(updates.get(1).getEventId()).isEqualTo(TestDatabase.column("select id from outbox_event where aggregate_id = '"
                + paid.getId() + "' and type = 'dispatch.order.cancelled'").get(0));
        assertThat(updates.get(1).getOrder()).isEqualTo(get(orders, customer, paid.getId()));
    }

    @Test
    void seesADispatchAndStaysOpenUntilTheClientLeaves() {
        Caller customer = newCustomer();
        Order paid = place(orders, customer, request());
        AssertSubscriber<OrderUpdate> watcher = watch(Orders.OPERATOR, paid.getId());
        watcher.awaitItems(1, WAIT);

        dispatch(orders, paid.getId(), "tracker-3");

        watcher.awaitItems(2, WAIT);
        OrderUpdate dispatched = watcher.getItems().get(1);
        assertThat(dispatched.getEventType()).isEqualTo("dispatch.order.dispatched");
        assertThat(dispatched.getOrder().getDeviceId()).isEqualTo("tracker-3");
        assertThat(dispatched.getOrder().getVersion()).isEqualTo(3);
        watcher.assertNotTerminated();
        watcher.cancel();
    }

    @Test
    void seesAPaymentSettledByTheSchedulerAfterAnOutage() {
        payments.down();
        Caller customer = newCustomer();
        Order awaiting = place(orders, customer, request());
        AssertSubscriber<OrderUpdate> watcher = watch(customer, awaiting.getId());
        watcher.awaitItems(1, WAIT);
        assertThat(watcher.getItems().get(0).getOrder().getStatus()).isEqualTo(OrderStatus.ORDER_STATUS_AWAITING_PAYMENT);

        payments.up();

        watcher.awaitItems(2, Duration.ofSeconds(30));
        assertThat(watcher.getItems().get(1).getEventType()).isEqualTo("dispatch.order.paid");
        assertThat(watcher.getItems().get(1).getOrder().getStatus()).isEqualTo(OrderStatus.ORDER_STATUS_PAID);
        watcher.cancel();
    }

    @Test
    void seesAChangeCommittedByAnotherInstance() throws Exception {
        Caller customer = newCustomer();
        Order paid = place(orders, customer, request());
        AssertSubscriber<OrderUpdate> watcher = watch(customer, paid.getId());
        watcher.awaitItems(1, WAIT);

        // What another replica's dispatch commits: the state change, its event and the notification, in one transaction.
        String eventId = UUID.randomUUID().toString();
        ObjectNode event = (ObjectNode) Json.parse(TestDatabase.column("select payload::text from outbox_event where aggregate_id = '"
                + paid.getId() + "' and type = 'dispatch.order.paid'").get(0));
        event.put("id", eventId).put("type", "dispatch.order.dispatched");
        ((ObjectNode) event.get("data")).put("status", "DISPATCHED").put("version", 3).put("deviceId", "tracker-elsewhere");
        try (Connection c = TestDatabase.connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("update customer_order set status = 'DISPATCHED', device_id = 'tracker-elsewhere', version = 3 where id = '"
                        + paid.getId() + "'");
                s.executeUpdate("insert into outbox_event (id, aggregate_id, aggregate_version, type, payload) values ('" + eventId + "', '"
                        + paid.getId() + "', 3, 'dispatch.order.dispatched', '" + event + "'::jsonb)");
                s.execute("select pg_notify('order_changes', '" + paid.getId() + "')");
            }
            c.commit();
        }

        watcher.awaitItems(2, WAIT);
        assertThat(watcher.getItems().get(1).getEventId()).isEqualTo(eventId);
        assertThat(watcher.getItems().get(1).getOrder().getDeviceId()).isEqualTo("tracker-elsewhere");
        watcher.cancel();
    }

    @Test
    void aFinalOrderIsShownOnceAndTheStreamEnds() {
        Caller customer = newCustomer();
        Order declined = place(orders, customer, request().setPaymentToken("tok_fraud"));

        AssertSubscriber<OrderUpdate> watcher = watch(customer, declined.getId());

        watcher.awaitCompletion(WAIT);
        assertThat(watcher.getItems()).extracting(OrderUpdate::getOrder).containsExactly(declined);
    }

    private AssertSubscriber<OrderUpdate> watch(Caller caller, String orderId) {
        return as(orders, caller).watchOrder(WatchOrderRequest.newBuilder().setOrderId(orderId).build())
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
    }
}
