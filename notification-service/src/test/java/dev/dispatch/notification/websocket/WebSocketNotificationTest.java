package dev.dispatch.notification.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;

import dev.dispatch.notification.support.CloudEvents;
import dev.dispatch.notification.support.Ids;
import dev.dispatch.notification.support.WsClient;
import dev.dispatch.testsupport.amqp.BrokerConnected;
import dev.dispatch.testsupport.jwt.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** /ws/notifications with real WebSocket clients, events published to the real broker as order-service does. */
@QuarkusTest
class WebSocketNotificationTest extends BrokerConnected {

    static final int MAX_MESSAGE_BYTES = 16 * 1024;

    @Test
    void eachCustomerSeesOnlyTheirOwnOrdersAndOperatorsSeeAll() throws Exception {
        String alice = Ids.customer();
        String bob = Ids.customer();
        String aliceOrder = Ids.order();
        String bobOrder = Ids.order();
        try (WsClient a = WsClient.connect(vertx, Tokens.customer(alice));
                WsClient b = WsClient.connect(vertx, Tokens.customer(bob));
                WsClient operator = WsClient.connect(vertx, Tokens.operator(Ids.operator()))) {
            JsonObject placed = CloudEvents.order("placed", aliceOrder, alice);
            broker.publish("order-events", placed);
            broker.publish("order-events", CloudEvents.order("placed", bobOrder, bob));
            broker.publish("order-events", CloudEvents.order("paid", aliceOrder, alice));

            await().atMost(WsClient.WAIT).until(() -> a.notifications().size() == 2 && b.notifications().size() == 1);
            await().atMost(WsClient.WAIT).until(() -> operator.notificationsOf(aliceOrder).size() == 2
                    && operator.notificationsOf(bobOrder).size() == 1);
            a.roundTrip();
            b.roundTrip();

            assertThat(a.notifications()).extracting(n -> n.getString("orderId")).containsOnly(aliceOrder);
            assertThat(b.notifications()).extracting(n -> n.getString("orderId")).containsOnly(bobOrder);
            JsonObject first = a.notifications().get(0);
            assertThat(first.getString("type")).isEqualTo("dispatch.order.placed");
            assertThat(first.getString("eventId")).isEqualTo(placed.getString("id"));
            assertThat(first.getString("time")).isNotBlank();
            assertThat(first.getString("text")).contains("placed").contains(aliceOrder.substring(0, 8)).contains("28.00 EUR");
            assertThat(first.getJsonObject("data").getString("customerId")).isEqualTo(alice);
            assertThat(Long.parseLong(a.notifications().get(1).getString("id"))).isGreaterThan(Long.parseLong(first.getString("id")));
            assertThat(a.notifications().get(1).getString("text")).isEqualTo("Payment received for order " + aliceOrder.substring(0, 8)
                    + " (28.00 EUR).");
        }
    }

    @Test
    void unacknowledgedNotificationsAreSentAgainOnReconnectAndAcknowledgedOnesAreNot() throws Exception {
        String carol = Ids.customer();
        String order = Ids.order();
        List<JsonObject> first;
        try (WsClient ws = WsClient.connect(vertx, Tokens.customer(carol))) {
            broker.publish("order-events", CloudEvents.order("placed", order, carol));
            broker.publish("order-events", CloudEvents.order("paid", order, carol));
            await().atMost(WsClient.WAIT).until(() -> ws.notifications().size() == 2);
            first = ws.notifications();
            ws.send(new JsonObject().put("type", "ack").put("ids", new JsonArray().add(first.get(0).getString("id"))));
            JsonObject acked = ws.awaitType("acked");
            assertThat(acked.getJsonArray("ids")).containsExactly(first.get(0).getString("id"));
        }

        // A reconnect sends the unacknowledged one again, before anything live.
        try (WsClient again = WsClient.connect(vertx, Tokens.customer(carol))) {
            broker.publish("order-events", CloudEvents.order("dispatched", order, carol));
            await().atMost(WsClient.WAIT).until(() -> again.notifications().size() == 2);
            again.roundTrip();
            assertThat(again.notifications()).extracting(n -> n.getString("type"))
                    .containsExactly("dispatch.order.paid", "dispatch.order.dispatched");
            assertThat(again.notifications().get(0).getString("id")).isEqualTo(first.get(1).getString("id"));
            JsonArray ids = new JsonArray();
            again.notifications().forEach(n -> ids.add(n.getString("id")));
            again.send(new JsonObject().put("type", "ack").put("ids", ids));
            again.awaitType("acked");
        }

        // Everything acknowledged: nothing comes again.
        try (WsClient third = WsClient.connect(vertx, Tokens.customer(carol))) {
            broker.publish("order-events", CloudEvents.order("delivered", order, carol));
            await().atMost(WsClient.WAIT).until(() -> third.notifications().size() == 1);
            third.roundTrip();
            assertThat(third.notifications()).extracting(n -> n.getString("type")).containsExactly("dispatch.order.delivered");
        }
    }

    @Test
    void aDuplicateEventIsShownOnce() throws Exception {
        String dave = Ids.customer();
        String order = Ids.order();
        try (WsClient ws = WsClient.connect(vertx, Tokens.customer(dave))) {
            JsonObject paid = CloudEvents.order("paid", order, dave);
            broker.publish("order-events", paid);
            // The same event again, without the broker's duplicate id: as after a lost ack or a replay.
            broker.publishAgain("order-events", paid);
            broker.publishAgain("order-events", paid);
            broker.publish("order-events", CloudEvents.order("dispatched", order, dave));

            await().atMost(WsClient.WAIT).until(() -> ws.notifications().stream().anyMatch(n -> n.getString("type").endsWith("dispatched")));
            ws.roundTrip();
            assertThat(ws.notifications()).extracting(n -> n.getString("type"))
                    .containsExactly("dispatch.order.paid", "dispatch.order.dispatched");
        }
    }

    @Test
    void badClientMessagesGetAnErrorAndTheConnectionStaysOpen() throws Exception {
        try (WsClient ws = WsClient.connect(vertx, Tokens.customer(Ids.customer()))) {
            ws.sendText("this is not json");
            ws.sendText("[1, 2]");
            ws.send(new JsonObject().put("type", "dance"));
            ws.send(new JsonObject().put("type", "ack"));
            ws.send(new JsonObject().put("type", "ack").put("ids", new JsonArray().add("x")));
            ws.send(new JsonObject().put("type", "subscribe"));
            ws.send(new JsonObject().put("type", "unsubscribe").put("orderId", 42));

            await().atMost(WsClient.WAIT).until(() -> ws.ofType("error").size() == 7);
            assertThat(ws.ofType("error")).extracting(e -> e.getString("code"))
                    .containsExactly("malformed", "malformed", "unknown-type", "invalid", "invalid", "invalid", "invalid");
            assertThat(ws.ofType("error")).allSatisfy(e -> assertThat(e.getString("message")).isNotBlank());
            assertThat(ws.ofType("error").get(2).getString("message")).contains("dance");

            ws.roundTrip();
            assertThat(ws.isClosed()).isFalse();
        }
    }

    @Test
    void aMessageOfUpTo16KiBIsAnsweredAndOneByteMoreClosesTheConnectionWith1009() throws Exception {
        try (WsClient ws = WsClient.connect(vertx, Tokens.customer(Ids.customer()))) {
            ws.sendText(WsClient.pingOfSize(15 * 1024));
            ws.sendText(WsClient.pingOfSize(MAX_MESSAGE_BYTES));
            ws.awaitType("pong", 2);

            ws.sendText(WsClient.pingOfSize(MAX_MESSAGE_BYTES + 1));
            assertThat(ws.awaitClosed()).isEqualTo((short) 1009); // message too big
            assertThat(ws.closeReason()).isEqualTo("message too big: at most 16384 bytes");
            assertThat(ws.ofType("pong")).hasSize(2);
        }
    }

    @Test
    void aMessageOver16KiBClosesTheConnectionWith1009HoweverItIsFramed() throws Exception {
        String token = Tokens.customer(Ids.customer());
        try (WsClient oneFrame = WsClient.connect(vertx, token);
                WsClient fourFrames = WsClient.connect(vertx, token);
                WsClient manyFrames = WsClient.connect(vertx, token)) {
            oneFrame.sendText(WsClient.pingOfSize(17 * 1024)); // as a browser sends it
            fourFrames.sendFragmented(WsClient.pingOfSize(17 * 1024), 4);
            manyFrames.sendFragmented(WsClient.pingOfSize(200 * 1024), 25); // 8 KiB frames: refused at the third
            for (WsClient ws : List.of(oneFrame, fourFrames, manyFrames)) {
                assertThat(ws.awaitClosed()).isEqualTo((short) 1009);
                assertThat(ws.ofType("pong")).isEmpty();
            }
        }
    }

    @Test
    void aSingleFrameOver64KiBLosesTheConnectionWithoutACloseCode() throws Exception {
        // The frame decoder refuses it from its header and cuts the TCP connection (README: WebSocket, Slow clients).
        try (WsClient ws = WsClient.connect(vertx, Tokens.customer(Ids.customer()))) {
            ws.sendText(WsClient.pingOfSize(65 * 1024));
            assertThat(ws.awaitClosed()).isNull();
        }
        try (WsClient next = WsClient.connect(vertx, Tokens.customer(Ids.customer()))) {
            next.roundTrip();
        }
    }

    @Test
    void subscribingToAnOrderNarrowsTheConnectionToIt() throws Exception {
        String erin = Ids.customer();
        String followed = Ids.order();
        String other = Ids.order();
        String someoneElses = Ids.order();
        broker.publish("order-events", CloudEvents.order("placed", someoneElses, Ids.customer()));
        try (WsClient ws = WsClient.connect(vertx, Tokens.customer(erin))) {
            ws.send(new JsonObject().put("type", "subscribe").put("orderId", followed));
            assertThat(ws.awaitType("subscriptions").getJsonArray("orderIds")).containsExactly(followed);

            broker.publish("order-events", CloudEvents.order("placed", other, erin));
            broker.publish("order-events", CloudEvents.order("placed", followed, erin));
            await().atMost(WsClient.WAIT).until(() -> ws.notifications().size() == 1);
            assertThat(ws.notifications().get(0).getString("orderId")).isEqualTo(followed);

            // Someone else's order cannot be followed (once it is known whose it is).
            await().atMost(WsClient.WAIT).until(() -> {
                ws.send(new JsonObject().put("type", "subscribe").put("orderId", someoneElses));
                ws.roundTrip();
                return ws.ofType("error").stream().anyMatch(e -> e.getString("code").equals("not-found"));
            });

            ws.send(new JsonObject().put("type", "unsubscribe").put("orderId", followed));
            assertThat(ws.awaitType("subscriptions", 2).getJsonArray("orderIds")).isEmpty();
            broker.publish("order-events", CloudEvents.order("paid", other, erin));
            await().atMost(WsClient.WAIT).until(() -> ws.notifications().size() == 2);
            assertThat(ws.notifications().get(1).getString("orderId")).isEqualTo(other);
        }
    }

    @Test
    void deviceAlertsReachOperatorsOnlyAndDeliveryEventsReachTheOrdersCustomer() throws Exception {
        String frank = Ids.customer();
        String order = Ids.order();
        try (WsClient customer = WsClient.connect(vertx, Tokens.customer(frank));
                WsClient operator = WsClient.connect(vertx, Tokens.operator(Ids.operator()))) {
            broker.publish("order-events", CloudEvents.order("dispatched", order, frank));
            await().atMost(WsClient.WAIT).until(() -> customer.notifications().size() == 1);

            broker.publish("device-alerts", CloudEvents.deviceAlert("temperature", "courier-7",
                    new JsonObject().put("orderId", order).put("customerId", frank).put("temperatureC", 9.5)));
            // As the contract has it, iot-ingest names the order and its customer. (An event that names only the order
            // reaches the customer the order events named: repository.OrderOwnerTest.)
            broker.publish("delivery-events", CloudEvents.delivery("progress", order, frank, new JsonObject().put("distanceMeters", 1200)));

            await().atMost(WsClient.WAIT).until(() -> customer.notifications().size() == 2);
            await().atMost(WsClient.WAIT).until(() -> operator.notificationsOf(order).size() == 3);
            customer.roundTrip();
            assertThat(customer.notifications()).extracting(n -> n.getString("type"))
                    .containsExactly("dispatch.order.dispatched", "dispatch.delivery.progress");
            assertThat(customer.notifications().get(1).getString("text")).contains("1.2 km");
            assertThat(operator.notificationsOf(order)).extracting(n -> n.getString("text"))
                    .anySatisfy(text -> assertThat(text).contains("Cargo temperature").contains("courier-7").contains("9.5"));
        }
    }

    @Test
    void sensorAlertsReachOperatorsOnlyEachWithItsOwnSentence() throws Exception {
        String grace = Ids.customer();
        String order = Ids.order();
        String sensor = "tag-" + order.substring(0, 8);
        try (WsClient customer = WsClient.connect(vertx, Tokens.customer(grace));
                WsClient operator = WsClient.connect(vertx, Tokens.operator(Ids.operator()))) {
            broker.publish("order-events", CloudEvents.order("dispatched", order, grace));
            await().atMost(WsClient.WAIT).until(() -> customer.notifications().size() == 1);

            // As iot-ingest publishes them: a warm box while courier-7 delivers grace's order, then a shock and a weak
            // battery once it delivers nothing.
            broker.publish("device-alerts", CloudEvents.sensorAlert("temperature", sensor, new JsonObject().put("courierDeviceId", "courier-7")
                    .put("orderId", order).put("customerId", grace).put("value", 9.5).put("limit", 8.0)));
            broker.publish("device-alerts", CloudEvents.sensorAlert("shock", sensor, new JsonObject().put("courierDeviceId", "courier-7")
                    .put("value", 6.25).put("limit", 4)));
            broker.publish("device-alerts", CloudEvents.sensorAlert("battery", sensor, new JsonObject().put("value", 14.5)));

            await().atMost(WsClient.WAIT).until(() -> ofSensor(operator, sensor).size() == 3);
            customer.roundTrip();
            assertThat(customer.notifications()).extracting(n -> n.getString("type")).containsExactly("dispatch.order.dispatched");
            assertThat(ofSensor(operator, sensor)).extracting(n -> n.getString("type") + " | " + n.getString("orderId") + " | " + n.getString("text"))
                    .containsExactlyInAnyOrder(
                            "dispatch.sensor.alert.temperature | " + order + " | Cargo sensor " + sensor
                                    + " on courier-7 reads 9.5 °C, above the 8.0 °C limit (order " + order.substring(0, 8) + ").",
                            "dispatch.sensor.alert.shock | null | Cargo sensor " + sensor + " on courier-7 felt a shock of 6.25 g, above the 4.0 g limit.",
                            "dispatch.sensor.alert.battery | null | Battery low on cargo sensor " + sensor + ": 14.5 %, below 15.0 %.");
        }
    }

    private static List<JsonObject> ofSensor(WsClient client, String sensor) {
        return client.notifications().stream()
                .filter(n -> n.getJsonObject("data") != null && sensor.equals(n.getJsonObject("data").getString("sensorId")))
                .toList();
    }

    @Test
    void theUpgradeIsRefusedWithoutAValidToken() {
        assertRefused("/ws/notifications", null, 401);
        assertRefused("/ws/notifications?access_token=not-a-jwt", null, 401);
        assertRefused("/ws/notifications?access_token=" + Tokens.signedByStranger(Ids.customer()), null, 401);
        assertRefused("/ws/notifications?access_token=" + Tokens.expired(Ids.customer()), null, 401);
        assertRefused("/ws/notifications", Tokens.signedByStranger(Ids.customer()), 401);
        // A bad header is not rescued by a good query token.
        assertRefused("/ws/notifications?access_token=" + Tokens.customer(Ids.customer()), "garbage", 401);
        assertRefused("/ws/notifications?access_token=" + Tokens.ofGroup(Ids.customer(), "courier"), null, 403);
    }

    @Test
    void theTokenMayComeInTheAuthorizationHeader() throws Exception {
        String grace = Ids.customer();
        try (WsClient ws = WsClient.connectWithHeader(vertx, Tokens.customer(grace))) {
            assertThat(ws.ofType("welcome").get(0).getString("userId")).isEqualTo(grace);
            assertThat(ws.ofType("welcome").get(0).getString("role")).isEqualTo("customer");
        }
    }

    @Test
    void theServerPingsIdleConnections() throws Exception {
        try (WsClient ws = WsClient.connect(vertx, Tokens.customer(Ids.customer()))) {
            // heartbeat-interval is 1s in tests
            await().atMost(WsClient.WAIT).until(() -> ws.pingFrames() >= 2);
        }
    }

    private void assertRefused(String uri, String bearer, int status) {
        assertThatThrownBy(() -> WsClient.open(vertx, uri, bearer, new HttpClientOptions()))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(UpgradeRejectedException.class)
                .satisfies(e -> assertThat(((UpgradeRejectedException) e).getStatus()).as(uri).isEqualTo(status));
    }
}
