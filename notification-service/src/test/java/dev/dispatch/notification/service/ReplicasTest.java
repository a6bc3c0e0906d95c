package dev.dispatch.notification.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dispatch.notification.config.NotificationConfig;
import dev.dispatch.notification.model.NewNotification;
import dev.dispatch.notification.support.CloudEvents;
import dev.dispatch.notification.support.Ids;
import dev.dispatch.notification.support.SecondReplica;
import dev.dispatch.notification.support.SseClient;
import dev.dispatch.notification.support.WsClient;
import dev.dispatch.testsupport.amqp.AmqpTestClient;
import dev.dispatch.testsupport.jwt.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;

/**
 * Two instances: the application under test and a second replica's storage and live feed (own pool, own LISTEN
 * connection, same database). Whichever instance takes an event from the shared queue, every instance pushes it,
 * an event stored by both is shown once, and a client resumes on either. (Two whole processes: system-tests.)
 */
@QuarkusTest
class ReplicasTest {

    @Inject
    Vertx vertx;

    @Inject
    io.vertx.mutiny.core.Vertx mutinyVertx;

    @Inject
    ObjectMapper mapper;

    @Inject
    NotificationConfig config;

    AmqpTestClient broker;
    SecondReplica replica;

    @BeforeEach
    void start() throws Exception {
        broker = AmqpTestClient.connect(vertx);
        replica = new SecondReplica(mutinyVertx, mapper, config).start();
    }

    @AfterEach
    void stop() throws Exception {
        replica.close();
        broker.close();
    }

    @Test
    void anEventTakenInByEitherInstanceIsPushedByBoth() throws Exception {
        String alice = Ids.customer();
        String order = Ids.order();
        try (WsClient here = WsClient.connect(vertx, Tokens.customer(alice))) {
            // Taken in here (from the broker): the other instance pushes it too.
            broker.publish("order-events", CloudEvents.order("placed", order, alice));
            await().atMost(WsClient.WAIT).until(() -> seenByReplica(order).size() == 1);
            await().atMost(WsClient.WAIT).until(() -> here.notifications().size() == 1);

            // Taken in by the other instance (as if it had won the message on the shared queue): pushed here.
            JsonObject paid = CloudEvents.order("paid", order, alice);
            Optional<Long> stored = replica.repository().store(asNotification(paid, alice, order)).await().atMost(WsClient.WAIT);
            assertThat(stored).isPresent();
            await().atMost(WsClient.WAIT).until(() -> here.notifications().size() == 2);
            assertThat(here.notifications().get(1).getString("id")).isEqualTo(stored.get().toString());
            assertThat(here.notifications().get(1).getString("eventId")).isEqualTo(paid.getString("id"));

            // The same event reaching this instance too (a redelivery after the other one crashed before its ack):
            // it is recognised across instances and shown once.
            broker.publishAgain("order-events", paid);
            broker.publish("order-events", CloudEvents.order("dispatched", order, alice));
            await().atMost(WsClient.WAIT).until(() -> here.notifications().size() >= 3);
            here.roundTrip();
            assertThat(here.notifications()).extracting(n -> n.getString("type"))
                    .containsExactly("dispatch.order.placed", "dispatch.order.paid", "dispatch.order.dispatched");
            await().atMost(WsClient.WAIT).until(() -> seenByReplica(order).size() == 3);
        }
    }

    @Test
    void aClientResumesOnTheOtherInstanceExactly() throws Exception {
        String bob = Ids.customer();
        String order = Ids.order();
        broker.publish("order-events", CloudEvents.order("placed", order, bob));
        // The client was on the other instance and saw the first event...
        await().atMost(WsClient.WAIT).until(() -> seenByReplica(order).size() == 1);
        String lastSeen = seenByReplica(order).get(0).id();
        // ...which then went away; more happened meanwhile, taken in by whichever instance.
        broker.publish("order-events", CloudEvents.order("paid", order, bob));
        replica.repository().store(asNotification(CloudEvents.order("dispatched", order, bob), bob, order)).await().atMost(WsClient.WAIT);
        await().atMost(WsClient.WAIT).until(() -> seenByReplica(order).size() == 3);

        try (SseClient resumed = SseClient.connect(vertx, Tokens.customer(bob), lastSeen, null)) {
            List<SseClient.Event> missed = resumed.awaitEvents(2);
            assertThat(missed).extracting(SseClient.Event::id)
                    .containsExactly(seenByReplica(order).get(1).id(), seenByReplica(order).get(2).id());
        }
    }

    private List<dev.dispatch.notification.model.Notification> seenByReplica(String order) {
        return replica.seen().stream().filter(n -> order.equals(n.orderId())).toList();
    }

    private static NewNotification asNotification(JsonObject event, String customer, String order) {
        return new NewNotification(event.getString("id"), event.getString("source"), event.getString("type"), order, customer, false,
                Instant.parse(event.getString("time")), "stored by the other instance", event.getJsonObject("data").encode());
    }
}
