package dev.dispatch.order.messaging;

import static dev.dispatch.order.support.Orders.OPERATOR;
import static dev.dispatch.order.support.Orders.count;
import static dev.dispatch.order.support.Orders.dispatch;
import static dev.dispatch.order.support.Orders.eventTypes;
import static dev.dispatch.order.support.Orders.get;
import static dev.dispatch.order.support.Orders.newCustomer;
import static dev.dispatch.order.support.Orders.place;
import static dev.dispatch.order.support.Orders.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.dispatch.order.support.DeliveryEvents;
import dev.dispatch.proto.order.v1.Order;
import dev.dispatch.proto.order.v1.OrderService;
import dev.dispatch.proto.order.v1.OrderStatus;
import dev.dispatch.testsupport.amqp.AmqpTestClient;
import dev.dispatch.testsupport.amqp.BrokerConnected;
import dev.dispatch.testsupport.broker.ArtemisTestResource;
import dev.dispatch.testsupport.postgres.TestDatabase;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.amqp.AmqpMessage;
import io.vertx.core.json.JsonObject;

/**
 * Delivery events from iot-ingest, over the real broker: completion → DELIVERED once; everything else harmless, also an
 * event that claims another source.
 */
@QuarkusTest
class DeliveryEventsTest extends BrokerConnected {

    @jakarta.inject.Inject
    io.micrometer.core.instrument.MeterRegistry meters;

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final Duration DEAD_LETTERED = Duration.ofSeconds(30);

    @GrpcClient("orders")
    OrderService orders;

    /** As iot-ingest's relay publishes (a re-send of the same event is dropped by the broker). */
    private void publish(JsonObject event) {
        broker.publish(DeliveryEvents.ADDRESS, event);
    }

    /** The same event once more, as after a lost ack: the broker delivers it again, the service must dedupe. */
    private void redeliver(JsonObject event) {
        broker.publishAgain(DeliveryEvents.ADDRESS, event);
    }

    private Order dispatched(String deviceId) {
        Order paid = place(orders, newCustomer(), request());
        return dispatch(orders, paid.getId(), deviceId);
    }

    private OrderStatus statusOf(Order order) {
        return get(orders, OPERATOR, order.getId()).getStatus();
    }

    @Test
    void aCompletedDeliveryDeliversTheOrderAndAnnouncesIt() throws Exception {
        Order order = dispatched("courier-1");
        // The order's earlier events are with the broker before the queue exists: it sees only what follows.
        await().atMost(TIMEOUT).until(() -> count("select count(*) from outbox_event where aggregate_id = '" + order.getId()
                + "' and published_at is null") == 0);
        List<AmqpMessage> events = broker.subscribe("order-events");
        publish(DeliveryEvents.completed(UUID.randomUUID().toString(), order.getId(), "courier-1"));

        await().atMost(TIMEOUT).until(() -> statusOf(order) == OrderStatus.ORDER_STATUS_DELIVERED);
        await().atMost(TIMEOUT).until(() -> AmqpTestClient.ofGroup(events, order.getId()).size() == 1);
        assertThat(AmqpTestClient.ofGroup(events, order.getId()).get(0).subject()).isEqualTo("dispatch.order.delivered");
        Order delivered = get(orders, OPERATOR, order.getId());
        assertThat(delivered.getDeviceId()).isEqualTo("courier-1");
        assertThat(delivered.getVersion()).isEqualTo(order.getVersion() + 1);
        assertThat(eventTypes(order.getId())).containsExactly(
                "dispatch.order.placed", "dispatch.order.paid", "dispatch.order.dispatched", "dispatch.order.delivered");
    }

    @Test
    void aRedeliveredOrRepeatedCompletionChangesNothing() throws Exception {
        Order order = dispatched("courier-2");
        String eventId = UUID.randomUUID().toString();
        JsonObject completed = DeliveryEvents.completed(eventId, order.getId(), "courier-2");
        publish(completed);
        await().atMost(TIMEOUT).until(() -> statusOf(order) == OrderStatus.ORDER_STATUS_DELIVERED);

        // The same event again (as after a lost ack), and the same completion under a new id (the device re-sent it).
        redeliver(completed);
        publish(DeliveryEvents.completed(UUID.randomUUID().toString(), order.getId(), "courier-2"));
        // One queue, one consumer, in order: once a later order is delivered, both repeats have been handled.
        Order marker = dispatched("courier-3");
        publish(DeliveryEvents.completed(UUID.randomUUID().toString(), marker.getId(), "courier-3"));
        await().atMost(TIMEOUT).until(() -> statusOf(marker) == OrderStatus.ORDER_STATUS_DELIVERED);

        assertThat(eventTypes(order.getId())).containsExactly(
                "dispatch.order.placed", "dispatch.order.paid", "dispatch.order.dispatched", "dispatch.order.delivered");
        assertThat(TestDatabase.column("select count(*) from processed_event where event_id = '" + eventId + "'")).containsExactly("1");
    }

    @Test
    void progressIsAcknowledgedAndLeavesTheOrderAlone() throws Exception {
        Order order = dispatched("courier-4");
        long deadBefore = ArtemisTestResource.broker().messageCount("DLQ.delivery-events");

        publish(DeliveryEvents.progress(order.getId(), "courier-4"));
        publish(DeliveryEvents.envelope(UUID.randomUUID().toString(), "dispatch.delivery.rerouted", order.getId(), null));
        await().atMost(TIMEOUT).until(() -> ArtemisTestResource.broker().messageCount("delivery-events.order-service") == 0);

        assertThat(statusOf(order)).isEqualTo(OrderStatus.ORDER_STATUS_DISPATCHED);
        assertThat(eventTypes(order.getId())).hasSize(3);
        assertThat(ArtemisTestResource.broker().messageCount("DLQ.delivery-events")).isEqualTo(deadBefore);
    }

    @Test
    void aCompletionClaimingAnotherSourceIsDeadLetteredAndChangesNothingWhileIotIngestsOneDelivers() throws Exception {
        Order order = dispatched("courier-6");
        long deadBefore = ArtemisTestResource.broker().messageCount("DLQ.delivery-events");
        double refusedBefore = refused();
        String forgedId = UUID.randomUUID().toString();

        // Valid in every other way: the right order, the device it was dispatched to.
        publish(DeliveryEvents.completed(forgedId, order.getId(), "courier-6").put("source", "/device-simulator"));

        await().atMost(DEAD_LETTERED).until(() -> ArtemisTestResource.broker().messageCount("DLQ.delivery-events") == deadBefore + 1);
        // Counted on each of its deliveries (1 + 4 redeliveries) before the broker parked it.
        assertThat(refused() - refusedBefore).isEqualTo(5.0);
        assertThat(statusOf(order)).isEqualTo(OrderStatus.ORDER_STATUS_DISPATCHED);
        assertThat(eventTypes(order.getId())).containsExactly("dispatch.order.placed", "dispatch.order.paid", "dispatch.order.dispatched");
        assertThat(TestDatabase.column("select count(*) from processed_event where event_id = '" + forgedId + "'")).containsExactly("0");

        publish(DeliveryEvents.completed(UUID.randomUUID().toString(), order.getId(), "courier-6"));
        await().atMost(TIMEOUT).until(() -> statusOf(order) == OrderStatus.ORDER_STATUS_DELIVERED);
        assertThat(ArtemisTestResource.broker().messageCount("DLQ.delivery-events")).isEqualTo(deadBefore + 1);
    }

    @Test
    void eventsThatCannotBeAppliedAreDeadLetteredAndTheNextOneStillWorks() throws Exception {
        Order paidOnly = place(orders, newCustomer(), request());
        Order onTheWay = dispatched("courier-5");
        long deadBefore = ArtemisTestResource.broker().messageCount("DLQ.delivery-events");

        broker.publishRaw(DeliveryEvents.ADDRESS, "{not json".getBytes(StandardCharsets.UTF_8), AmqpTestClient.CLOUDEVENTS_JSON);
        publish(DeliveryEvents.completed(UUID.randomUUID().toString(), "not-a-uuid", "courier-5"));
        publish(DeliveryEvents.completed(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "courier-5"));
        publish(DeliveryEvents.completed(UUID.randomUUID().toString(), paidOnly.getId(), "courier-5"));
        publish(DeliveryEvents.completed(UUID.randomUUID().toString(), onTheWay.getId(), "someone-elses-device"));
        publish(DeliveryEvents.completed(UUID.randomUUID().toString(), onTheWay.getId(), "courier-5"));

        // The good event does not wait behind the bad ones' redeliveries.
        await().atMost(TIMEOUT).until(() -> statusOf(onTheWay) == OrderStatus.ORDER_STATUS_DELIVERED);
        await().atMost(DEAD_LETTERED).until(() -> ArtemisTestResource.broker().messageCount("DLQ.delivery-events") == deadBefore + 5);
        assertThat(statusOf(paidOnly)).isEqualTo(OrderStatus.ORDER_STATUS_PAID);
        assertThat(eventTypes(paidOnly.getId())).containsExactly("dispatch.order.placed", "dispatch.order.paid");
    }

    private double refused() {
        var counter = meters.find("dispatch.events.refused").tag("address", "delivery-events").counter();
        return counter == null ? 0 : counter.count();
    }
}
