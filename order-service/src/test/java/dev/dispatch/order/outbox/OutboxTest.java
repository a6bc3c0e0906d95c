package dev.dispatch.order.outbox;

import static dev.dispatch.order.support.Orders.cancel;
import static dev.dispatch.order.support.Orders.count;
import static dev.dispatch.order.support.Orders.dispatch;
import static dev.dispatch.order.support.Orders.newCustomer;
import static dev.dispatch.order.support.Orders.place;
import static dev.dispatch.order.support.Orders.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.dispatch.order.model.OrderEventType;
import dev.dispatch.order.support.Caller;
import dev.dispatch.order.support.DeliveryEvents;
import dev.dispatch.order.support.FakePaymentService;
import dev.dispatch.order.support.Json;
import dev.dispatch.proto.order.v1.Order;
import dev.dispatch.proto.order.v1.OrderService;
import dev.dispatch.testsupport.amqp.AmqpTestClient;
import dev.dispatch.testsupport.amqp.BrokerConnected;
import dev.dispatch.testsupport.contracts.Contracts;
import dev.dispatch.testsupport.postgres.TestDatabase;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcService;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.amqp.AmqpMessage;
import jakarta.inject.Inject;

/**
 * The outbox, seen from the broker: an independent AMQP consumer finds every event after its commit,
 * in order, as CloudEvents that conform to the contract ({@code contracts/events/order-event.v1.json},
 * every type); nothing is lost when the service died between commit and publish (the broker's outage:
 * {@link OutboxBrokerOutageTest}).
 */
@QuarkusTest
class OutboxTest extends BrokerConnected {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @GrpcClient("orders")
    OrderService orders;

    @Inject
    @GrpcService
    FakePaymentService payments;

    @AfterEach
    void paymentServiceBack() {
        payments.up();
    }

    /** A queue of the test's own on order-events: every event published from now on. */
    private List<AmqpMessage> orderEvents() {
        return broker.subscribe("order-events");
    }

    /** The messages about one order (AMQP subject of the CloudEvent is its type, group-id its order). */
    private static List<AmqpMessage> of(List<AmqpMessage> messages, String orderId) {
        return AmqpTestClient.ofGroup(messages, orderId);
    }

    @Test
    void everyStateChangeReachesTheBrokerInOrderAsASchemaValidCloudEvent() throws Exception {
        List<AmqpMessage> queue = orderEvents();
        Caller customer = newCustomer();
        Order order = place(orders, customer, request());
        dispatch(orders, order.getId(), "tracker-9");

        await().atMost(TIMEOUT).until(() -> of(queue, order.getId()).size() == 3);

        List<AmqpMessage> messages = of(queue, order.getId());
        assertThat(messages).extracting(AmqpMessage::subject)
                .containsExactly("dispatch.order.placed", "dispatch.order.paid", "dispatch.order.dispatched");
        long version = 0;
        for (AmqpMessage message : messages) {
            String body = message.bodyAsBinary().toString();
            assertThat(Contracts.eventErrors("order-events", body)).as(body).isEmpty();
            JsonNode event = Json.parse(body);
            assertThat(message.contentType()).isEqualTo("application/cloudevents+json; charset=UTF-8");
            assertThat(message.isDurable()).isTrue();
            assertThat(message.id()).isEqualTo(event.get("id").asText());
            assertThat(event.get("type").asText()).isEqualTo(message.subject());
            assertThat(event.get("source").asText()).isEqualTo("/order-service");
            assertThat(event.get("subject").asText()).isEqualTo(order.getId());
            assertThat(event.at("/data/schemaVersion").asInt()).isEqualTo(1);
            assertThat(event.at("/data/customerId").asText()).isEqualTo(customer.subject());
            assertThat(event.at("/data/version").asLong()).isEqualTo(++version);
        }
        assertThat(Json.parse(messages.get(2).bodyAsBinary().toString()).at("/data/deviceId").asText()).isEqualTo("tracker-9");
        await().atMost(TIMEOUT).until(() -> count("select count(*) from outbox_event where aggregate_id = '"
                + order.getId() + "' and published_at is null") == 0);
    }

    @Test
    void declinedAndCancelledEventsConformToTheSchemaToo() throws Exception {
        List<AmqpMessage> queue = orderEvents();
        Caller customer = newCustomer();
        Order declined = place(orders, customer, request().setPaymentToken("tok_insufficient_funds"));
        Order cancelled = cancel(orders, customer, place(orders, customer, request().setMaxCargoTemperatureC(6)).getId());

        await().atMost(TIMEOUT).until(() -> of(queue, declined.getId()).size() == 2 && of(queue, cancelled.getId()).size() == 3);

        for (AmqpMessage message : List.of(of(queue, declined.getId()).get(1), of(queue, cancelled.getId()).get(2))) {
            String body = message.bodyAsBinary().toString();
            assertThat(Contracts.eventErrors("order-events", body)).as(body).isEmpty();
        }
        assertThat(of(queue, declined.getId()).get(1).subject()).isEqualTo("dispatch.order.payment-declined");
        assertThat(Json.parse(of(queue, cancelled.getId()).get(2).bodyAsBinary().toString()).at("/data/payment/status").asText())
                .isEqualTo("REFUNDED");
    }

    @Test
    void everyTypeOfOrderEventReachesTheBrokerAsTheContractSays() throws Exception {
        List<AmqpMessage> queue = orderEvents();
        Caller customer = newCustomer();
        Order delivered = dispatch(orders, place(orders, customer, request()).getId(), "tracker-7");
        broker.publish(DeliveryEvents.ADDRESS, DeliveryEvents.completed(UUID.randomUUID().toString(), delivered.getId(), "tracker-7"));
        Order declined = place(orders, customer, request().setPaymentToken("tok_fraud"));
        Order cancelled = cancel(orders, customer, place(orders, customer, request()).getId());
        payments.refuse();
        Order failed = place(orders, customer, request());
        payments.up();

        await().atMost(TIMEOUT).until(() -> of(queue, delivered.getId()).size() == 4 && of(queue, declined.getId()).size() == 2
                && of(queue, cancelled.getId()).size() == 3 && of(queue, failed.getId()).size() == 2);

        Set<String> published = new HashSet<>();
        for (Order order : List.of(delivered, declined, cancelled, failed)) {
            for (AmqpMessage message : of(queue, order.getId())) {
                String body = message.bodyAsBinary().toString();
                assertThat(Contracts.eventErrors("order-events", body)).as(body).isEmpty();
                published.add(message.subject());
            }
        }
        Set<String> known = Stream.of(OrderEventType.values()).map(OrderEventType::type).collect(Collectors.toSet());
        assertThat(published).isEqualTo(known).isEqualTo(Contracts.messageNames("order-events"));
    }

    @Test
    void anEventCommittedButNeverPublishedBeforeACrashIsPublished() throws Exception {
        List<AmqpMessage> queue = orderEvents();
        // As if the service had died right after the commit that wrote the event: it is only in the outbox.
        Order order = place(orders, newCustomer(), request());
        String eventId = UUID.randomUUID().toString();
        ObjectNode event = (ObjectNode) Json.parse(TestDatabase.column(
                "select payload::text from outbox_event where aggregate_id = '" + order.getId() + "' order by seq desc limit 1").get(0));
        event.put("id", eventId);
        String body = event.toString();
        try (Connection c = TestDatabase.connect(); PreparedStatement insert = c.prepareStatement(
                "insert into outbox_event (id, aggregate_id, aggregate_version, type, payload) values (?::uuid, ?::uuid, 99, ?, ?::jsonb)")) {
            insert.setString(1, eventId);
            insert.setString(2, order.getId());
            insert.setString(3, "dispatch.order.paid");
            insert.setString(4, body);
            insert.executeUpdate();
        }

        await().atMost(TIMEOUT).until(() -> of(queue, order.getId()).stream().anyMatch(m -> eventId.equals(m.id())));
        await().atMost(TIMEOUT).until(() -> count("select count(*) from outbox_event where id = '" + eventId
                + "' and published_at is not null") == 1);
    }

    @Test
    void onlyTheInstanceHoldingTheRelayLockPublishes() throws Exception {
        // Another replica holds the relay's advisory lock: this instance must leave the outbox alone.
        try (Connection otherReplica = TestDatabase.connect()) {
            try (PreparedStatement lock = otherReplica.prepareStatement("select pg_advisory_lock(4242001)")) {
                lock.execute();
            }
            Order order = place(orders, newCustomer(), request());
            String pending = "select count(*) from outbox_event where aggregate_id = '" + order.getId() + "' and published_at is null";
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> count(pending) == 2);

            try (PreparedStatement unlock = otherReplica.prepareStatement("select pg_advisory_unlock(4242001)")) {
                unlock.execute();
            }
            await().atMost(TIMEOUT).until(() -> count(pending) == 0);
        }
    }
}
