package dev.dispatch.notification.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.dispatch.notification.support.CloudEvents;
import dev.dispatch.notification.support.Ids;
import dev.dispatch.notification.support.WsClient;
import dev.dispatch.testsupport.amqp.AmqpTestClient;
import dev.dispatch.testsupport.amqp.BrokerConnected;
import dev.dispatch.testsupport.broker.ArtemisTestResource;
import dev.dispatch.testsupport.jwt.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/**
 * Messages that are not CloudEvents end on the dead-letter queue, and the channel goes on with the next event.
 * (Not covered: a body of content type exactly application/json that is not JSON. The SmallRye AMQP connector fails
 * to convert it before our code sees it and drops it unsettled, SRMSG16229; see the README.)
 */
@QuarkusTest
class DeadLetterTest extends BrokerConnected {

    @Test
    void poisonMessagesAreDeadLetteredWhileTheNextEventStillArrives() throws Exception {
        String alice = Ids.customer();
        String order = Ids.order();
        long deadBefore = ArtemisTestResource.broker().messageCount("DLQ.order-events");
        try (WsClient ws = WsClient.connect(vertx, Tokens.customer(alice))) {
            broker.publishRaw("order-events", "{not json".getBytes(StandardCharsets.UTF_8), AmqpTestClient.CLOUDEVENTS_JSON);
            broker.publishRaw("order-events", "{\"specversion\":\"1.0\",\"type\":\"dispatch.order.paid\"}".getBytes(StandardCharsets.UTF_8),
                    AmqpTestClient.CLOUDEVENTS_JSON);
            broker.publishValue("order-events", "hello");
            broker.publish("order-events", CloudEvents.order("placed", order, alice));

            // The good event does not wait for the poison to be dead-lettered.
            await().atMost(WsClient.WAIT).until(() -> ws.notifications().size() == 1);
            assertThat(ws.notifications().get(0).getString("type")).isEqualTo("dispatch.order.placed");

            // 5 attempts each (100 ms, 200 ms, ... apart in tests), then the dead-letter queue.
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> ArtemisTestResource.broker().messageCount("DLQ.order-events") == deadBefore + 3);

            // And the channel still runs.
            broker.publish("order-events", CloudEvents.order("paid", order, alice));
            await().atMost(WsClient.WAIT).until(() -> ws.notifications().size() == 2);
        }
    }

    @Test
    void anEventOfAnUnknownTypeIsShownWithAGenericText() throws Exception {
        String bob = Ids.customer();
        String order = Ids.order();
        try (WsClient ws = WsClient.connect(vertx, Tokens.customer(bob))) {
            // Outside the contract on purpose: a type order-service may add before this service knows it.
            broker.publish("order-events", CloudEvents.envelope("/order-service", "dispatch.order.gift-wrapped", order,
                    new JsonObject().put("orderId", order).put("customerId", bob)));
            await().atMost(WsClient.WAIT).until(() -> ws.notifications().size() == 1);
            assertThat(ws.notifications().get(0).getString("text")).isEqualTo("Order " + order.substring(0, 8) + ": gift wrapped.");
        }
    }
}
