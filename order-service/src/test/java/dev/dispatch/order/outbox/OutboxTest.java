package dev.dispatch.order;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.dispatch.order.support.EventQueue;
import dev.dispatch.order.support.EventSchema;
import dev.dispatch.proto.common.v1.Caller;
import dev.dispatch.proto.order.v1.Order;
import dev.dispatch.proto.order.v1.OrderService;
import dev.dispatch.testsupport.broker.ArtemisTestResource;
import dev.dispatch.testsupport.postgres.TestDatabase;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.amqp.AmqpMessage;

/**
 * The outbox, seen from the broker: an independent AMQP consumer finds every event after its commit,
 * in order, as CloudEvents that conform to the committed schema; nothing is lost when the service
 * died between commit and publish, nor while the broker was away.
 */
@QuarkusTest
class OutboxTest {

    @GrpcClient("orders")
    OrderService orders;

    @Test
    void everyStateChangeReachesTheBrokerInOrderAsASchemaValidCloudEvent() throws Exception {
        try (EventQueue queue = EventQueue.open()) {
            Caller customer = newCustomer();
            Order order = place(orders, request(customer));
            dispatch(orders, order.getId(), "tracker-9");

            await().atMost(EventQueue.timeout()).until(() -> queue.of(order.getId()).size() == 3);

            List<AmqpMessage> messages = queue.of(order.getId());
            assertThat(messages).extracting(AmqpMessage::subject)
                    .containsExactly("dispatch.order.placed", "dispatch.order.paid", "dispatch.order.dispatched");
            long version = 0;
            for (AmqpMessage message : messages) {
                String body = message.bodyAsBinary().toString();
                assertThat(EventSchema.violations(body)).as(body).isEmpty();
                JsonNode event = EventSchema.parse(body);
                assertThat(message.contentType()).isEqualTo("application/cloudevents+json; charset=UTF-8");
                assertThat(message.isDurable()).isTrue();
                assertThat(message.id()).isEqualTo(event.get("id").asText());
                assertThat(event.get("type").asText()).isEqualTo(message.subject());
                assertThat(event.get("source").asText()).isEqualTo("/order-service");
                assertThat(event.get("subject").asText()).isEqualTo(order.getId());
                assertThat(event.at("/data/schemaVersion").asInt()).isEqualTo(1);
                assertThat(event.at("/data/customerId").asText()).isEqualTo(customer.getSubject());
                assertThat(event.at("/data/version").asLong()).isEqualTo(++version);
            }
            assertThat(EventSchema.parse(messages.get(2).bodyAsBinary().toString()).at("/data/deviceId").asText()).isEqualTo("tracker-9");
            await().atMost(EventQueue.timeout()).until(() -> count("select count(*) from outbox_event where aggregate_id = '"
                    + order.getId() + "' and published_at is null") == 0);
        }
    }

    @Test
    void declinedAndCancelledEventsConformToTheSchemaToo() throws Exception {
        try (EventQueue queue = EventQueue.open()) {
            Caller customer = newCustomer();
            Order declined = place(orders, request(customer).setPaymentToken("tok_insufficient_funds"));
            Order cancelled = cancel(orders, customer, place(orders, request(customer).setMaxCargoTemperatureC(6)).getId());

            await().atMost(EventQueue.timeout()).until(() -> queue.of(declined.getId()).size() == 2 && queue.of(cancelled.getId()).size() == 3);

            for (AmqpMessage message : List.of(queue.of(declined.getId()).get(1), queue.of(cancelled.getId()).get(2))) {
                String body = message.bodyAsBinary().toString();
                assertThat(EventSchema.violations(body)).as(body).isEmpty();
            }
            assertThat(queue.of(declined.getId()).get(1).subject()).isEqualTo("dispatch.order.payment-declined");
            assertThat(EventSchema.parse(queue.of(cancelled.getId()).get(2).bodyAsBinary().toString()).at("/data/payment/status").asText())
                    .isEqualTo("REFUNDED");
        }
    }

    @Test
    void anEventCommittedButNeverPublishedBeforeACrashIsPublished() throws Exception {
        try (EventQueue queue = EventQueue.open()) {
            // As if the service had died right after the commit that wrote the event: it is only in the outbox.
            Order order = place(orders, request(newCustomer()));
            String eventId = UUID.randomUUID().toString();
            ObjectNode event = (ObjectNode) EventSchema.parse(TestDatabase.column(
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

            await().atMost(EventQueue.timeout()).until(() -> queue.of(order.getId()).stream().anyMatch(m -> eventId.equals(m.id())));
            await().atMost(EventQueue.timeout()).until(() -> count("select count(*) from outbox_event where id = '" + eventId
                    + "' and published_at is not null") == 1);
        }
    }

    @Test
    void eventsWrittenWhileTheBrokerIsDownArePublishedWhenItIsBack() throws Exception {
        // The broker's own durable queue for notification-service keeps what arrives while no one reads it.
        ArtemisTestResource.broker().stop();
        Order order;
        try {
            order = place(orders, request(newCustomer()));
            String id = order.getId();
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
                    count("select count(*) from outbox_event where aggregate_id = '" + id + "' and published_at is null") == 2);
        } finally {
            ArtemisTestResource.broker().start();
        }
        String id = order.getId();
        await().atMost(Duration.ofSeconds(60)).until(() ->
                count("select count(*) from outbox_event where aggregate_id = '" + id + "' and published_at is null") == 0);
        try (EventQueue queue = EventQueue.attach("order-events.notification-service")) {
            await().atMost(EventQueue.timeout()).until(() -> distinctTypes(queue.of(id)).size() == 2);
            assertThat(distinctTypes(queue.of(id)).values()).containsExactly("dispatch.order.placed", "dispatch.order.paid");
        }
    }

    @Test
    void onlyTheInstanceHoldingTheRelayLockPublishes() throws Exception {
        // Another replica holds the relay's advisory lock: this instance must leave the outbox alone.
        try (Connection otherReplica = TestDatabase.connect()) {
            try (PreparedStatement lock = otherReplica.prepareStatement("select pg_advisory_lock(4242001)")) {
                lock.execute();
            }
            Order order = place(orders, request(newCustomer()));
            String pending = "select count(*) from outbox_event where aggregate_id = '" + order.getId() + "' and published_at is null";
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> count(pending) == 2);

            try (PreparedStatement unlock = otherReplica.prepareStatement("select pg_advisory_unlock(4242001)")) {
                unlock.execute();
            }
            await().atMost(EventQueue.timeout()).until(() -> count(pending) == 0);
        }
    }

    /** By event id, as a consumer dedupes, keeping the order of first arrival. */
    private static Map<String, String> distinctTypes(List<AmqpMessage> messages) {
        Map<String, String> byId = new LinkedHashMap<>();
        messages.forEach(m -> byId.putIfAbsent(m.id(), m.subject()));
        return byId;
    }
}
