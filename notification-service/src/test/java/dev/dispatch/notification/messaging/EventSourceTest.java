package dev.dispatch.notification.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;

import dev.dispatch.notification.repository.PresenceRepository;
import dev.dispatch.notification.support.CloudEvents;
import dev.dispatch.notification.support.Ids;
import dev.dispatch.notification.support.SseClient;
import dev.dispatch.notification.support.WsClient;
import dev.dispatch.testsupport.amqp.BrokerConnected;
import dev.dispatch.testsupport.broker.ArtemisTestResource;
import dev.dispatch.testsupport.jwt.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;

/**
 * Each address has one producer (contracts/asyncapi.yaml): order-events order-service, the others iot-ingest. An event
 * that claims any other source, however well formed, is dead-lettered like any invalid event and leaves no trace: not
 * stored, not pushed over WebSocket or SSE, no order owner or presence learnt from it (issue #16: a forged
 * dispatch.order.paid became "Payment received…" on the customer's stream).
 */
@QuarkusTest
class EventSourceTest extends BrokerConnected {

    @Inject
    Pool pool;

    @Inject
    PresenceRepository presence;

    @Test
    void anEventFromAnotherSourceThanItsAddressesProducerIsDeadLetteredAndNeverShown() throws Exception {
        String alice = Ids.customer();
        String order = Ids.order();
        String orphan = Ids.order(); // named only by forged events: nobody may become its owner
        String device = "courier-" + Ids.order().substring(0, 8);
        Map<String, Long> deadBefore = deadLetters();

        JsonObject paidFromIot = from("/iot-ingest", CloudEvents.order("paid", order, alice));
        JsonObject paidFromAttacker = from("/attacker", CloudEvents.order("paid", order, alice));
        JsonObject placedForOrphan = from("/attacker", CloudEvents.order("placed", orphan, alice));
        JsonObject deliveryFromOrders = from("/order-service", CloudEvents.delivery("completed", order, alice, new JsonObject()));
        JsonObject alertFromAttacker = from("/attacker", CloudEvents.deviceAlert("temperature", device,
                new JsonObject().put("orderId", order).put("customerId", alice)));
        JsonObject presenceFromAttacker = from("/attacker", CloudEvents.presence(device, "available", null, Instant.now()));
        List<String> forged = List.of(paidFromIot, paidFromAttacker, placedForOrphan, deliveryFromOrders, alertFromAttacker,
                presenceFromAttacker).stream().map(e -> e.getString("id")).toList();
        JsonObject placed = CloudEvents.order("placed", order, alice);

        try (WsClient ws = WsClient.connect(vertx, Tokens.customer(alice));
                WsClient operator = WsClient.connect(vertx, Tokens.operator(Ids.operator()));
                SseClient sse = SseClient.connect(vertx, Tokens.customer(alice))) {
            broker.publish("order-events", paidFromIot);
            broker.publish("order-events", paidFromAttacker);
            broker.publish("order-events", placedForOrphan);
            broker.publish("delivery-events", deliveryFromOrders);
            broker.publish("device-alerts", alertFromAttacker);
            broker.publish("courier-presence", presenceFromAttacker);
            broker.publish("order-events", placed);

            // The proper event goes through, the forged ones end on their dead-letter queues (after 5 attempts each).
            await().atMost(WsClient.WAIT).until(() -> ws.notifications().size() == 1 && sse.events().size() == 1);
            assertThat(ws.notifications().get(0).getString("eventId")).isEqualTo(placed.getString("id"));
            assertThat(sse.events().get(0).json().getString("eventId")).isEqualTo(placed.getString("id"));
            await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters().equals(Map.of(
                    "order-events", deadBefore.get("order-events") + 3,
                    "delivery-events", deadBefore.get("delivery-events") + 1,
                    "device-alerts", deadBefore.get("device-alerts") + 1,
                    "courier-presence", deadBefore.get("courier-presence") + 1)));

            // Nothing of them was stored or remembered, so nothing can be pushed or replayed later.
            assertThat(count("SELECT count(*) FROM notification WHERE event_id = ANY($1)", forged)).isZero();
            assertThat(count("SELECT count(*) FROM processed_event WHERE event_id = ANY($1)", forged)).isZero();
            assertThat(count("SELECT count(*) FROM order_owner WHERE order_id = ANY($1)", List.of(orphan))).isZero();
            assertThat(presence.current(device).await().atMost(WsClient.WAIT)).isEmpty();

            // And none reached a client: a round trip (WebSocket) and the proper event after them (SSE) show what arrived.
            broker.publish("order-events", CloudEvents.order("paid", order, alice));
            await().atMost(WsClient.WAIT).until(() -> ws.notifications().size() == 2 && sse.events().size() == 2);
            ws.roundTrip();
            operator.roundTrip();
            assertThat(ws.notifications()).extracting(n -> n.getString("eventId")).doesNotContainAnyElementsOf(forged);
            assertThat(sse.events()).extracting(e -> e.json().getString("eventId")).doesNotContainAnyElementsOf(forged);
            assertThat(operator.notifications()).extracting(n -> n.getString("eventId")).doesNotContainAnyElementsOf(forged);
            assertThat(ws.notifications()).extracting(n -> n.getString("text"))
                    .containsExactly("Your order " + order.substring(0, 8) + " was placed (28.00 EUR).",
                            "Payment received for order " + order.substring(0, 8) + " (28.00 EUR).");
        }
    }

    /** The event as its address's contract allows, except for the source. */
    private static JsonObject from(String source, JsonObject event) {
        return event.put("source", source);
    }

    private static Map<String, Long> deadLetters() {
        return Map.of("order-events", dead("order-events"), "delivery-events", dead("delivery-events"),
                "device-alerts", dead("device-alerts"), "courier-presence", dead("courier-presence"));
    }

    private static long dead(String address) {
        return ArtemisTestResource.broker().messageCount("DLQ." + address);
    }

    private long count(String sql, List<String> values) {
        return StreamSupport.stream(pool.preparedQuery(sql).execute(Tuple.of(values.toArray(String[]::new))).await().atMost(WsClient.WAIT)
                .spliterator(), false).findFirst().orElseThrow().getLong(0);
    }
}
