package dev.dispatch.order.outbox;

import static dev.dispatch.order.support.Orders.count;
import static dev.dispatch.order.support.Orders.newCustomer;
import static dev.dispatch.order.support.Orders.place;
import static dev.dispatch.order.support.Orders.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.dispatch.proto.order.v1.Order;
import dev.dispatch.proto.order.v1.OrderService;
import dev.dispatch.testsupport.amqp.AmqpTestClient;
import dev.dispatch.testsupport.broker.ArtemisTestResource;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.amqp.AmqpMessage;
import io.vertx.core.Vertx;

/**
 * The outbox while the broker is away: events stay pending and go out once it is back. No AMQP connection of the
 * test's own is open while the broker stops (unlike {@link OutboxTest}).
 */
@QuarkusTest
class OutboxBrokerOutageTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @GrpcClient("orders")
    OrderService orders;

    @Test
    void eventsWrittenWhileTheBrokerIsDownArePublishedWhenItIsBack() throws Exception {
        // The broker's own durable queue for notification-service keeps what arrives while no one reads it.
        ArtemisTestResource.broker().stop();
        Order order;
        try {
            order = place(orders, newCustomer(), request());
            String id = order.getId();
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
                    count("select count(*) from outbox_event where aggregate_id = '" + id + "' and published_at is null") == 2);
        } finally {
            ArtemisTestResource.broker().start();
        }
        String id = order.getId();
        await().atMost(Duration.ofSeconds(60)).until(() ->
                count("select count(*) from outbox_event where aggregate_id = '" + id + "' and published_at is null") == 0);
        Vertx vertx = Vertx.vertx();
        try (AmqpTestClient broker = AmqpTestClient.connect(vertx)) {
            List<AmqpMessage> queue = broker.attach("order-events::order-events.notification-service");
            await().atMost(TIMEOUT).until(() -> distinctTypes(of(queue, id)).size() == 2);
            assertThat(distinctTypes(of(queue, id)).values()).containsExactly("dispatch.order.placed", "dispatch.order.paid");
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    private static List<AmqpMessage> of(List<AmqpMessage> messages, String orderId) {
        return AmqpTestClient.ofGroup(messages, orderId);
    }

    /** By event id, as a consumer dedupes, keeping the order of first arrival. */
    private static Map<String, String> distinctTypes(List<AmqpMessage> messages) {
        Map<String, String> byId = new LinkedHashMap<>();
        messages.forEach(m -> byId.putIfAbsent(m.id(), m.subject()));
        return byId;
    }
}
