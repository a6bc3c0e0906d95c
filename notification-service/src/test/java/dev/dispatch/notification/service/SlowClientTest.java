package dev.dispatch.notification.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.dispatch.notification.support.CloudEvents;
import dev.dispatch.notification.support.Ids;
import dev.dispatch.notification.support.SseClient;
import dev.dispatch.notification.support.WsClient;
import dev.dispatch.testsupport.amqp.BrokerConnected;
import dev.dispatch.testsupport.jwt.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A client that stops reading is cut off once its bounded queue (16 in tests) is full, with WebSocket close code
 * 4008, while another client of the same customer keeps receiving everything.
 */
@QuarkusTest
class SlowClientTest extends BrokerConnected {

    static final int EVENTS = 200;
    static final String PADDING = "x".repeat(60_000); // ~12 MB in all: more than the socket buffers hold

    @Test
    void aWebSocketClientThatDoesNotReadIsClosedWith4008AndNobodyElseWaits() throws Exception {
        String alice = Ids.customer();
        String order = Ids.order();
        double overflowsBefore = overflows("websocket");
        try (WsClient slow = WsClient.connectSlow(vertx, Tokens.customer(alice));
                WsClient fast = WsClient.connect(vertx, Tokens.customer(alice))) {
            slow.pause();
            for (int i = 0; i < EVENTS; i++) {
                broker.publish("order-events", fatEvent(order, alice));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> fast.notifications().size() == EVENTS);
            await().atMost(WsClient.WAIT).until(() -> overflows("websocket") > overflowsBefore);

            slow.resume();
            assertThat(slow.awaitClosed()).isEqualTo((short) 4008);
            assertThat(slow.notifications().size()).isLessThan(EVENTS);
            fast.roundTrip();
        }
    }

    @Test
    void anSseClientThatDoesNotReadHasItsStreamEnded() throws Exception {
        String bob = Ids.customer();
        String order = Ids.order();
        double overflowsBefore = overflows("sse");
        try (SseClient slow = SseClient.connect(vertx, Tokens.customer(bob));
                WsClient fast = WsClient.connect(vertx, Tokens.customer(bob))) {
            slow.pause();
            for (int i = 0; i < EVENTS; i++) {
                broker.publish("order-events", fatEvent(order, bob));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> fast.notifications().size() == EVENTS);
            await().atMost(WsClient.WAIT).until(() -> overflows("sse") > overflowsBefore);
            slow.resume();
            await().atMost(WsClient.WAIT).until(slow::ended);
        }
    }

    private static io.vertx.core.json.JsonObject fatEvent(String order, String customer) {
        io.vertx.core.json.JsonObject event = CloudEvents.order("paid", order, customer);
        // A long item name: still an order event the contract allows.
        event.getJsonObject("data").getJsonArray("items").getJsonObject(0).put("name", PADDING);
        return CloudEvents.valid(CloudEvents.ORDER_EVENTS, event);
    }

    private static double overflows(String channel) {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("notifications_overflows_total\\{[^}]*channel=\"" + channel + "\"[^}]*\\} ([0-9.E]+)").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
