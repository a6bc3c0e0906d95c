package dev.dispatch.notification.signalling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatch.notification.support.CloudEvents;
import dev.dispatch.notification.support.Ids;
import dev.dispatch.notification.support.WsClient;
import dev.dispatch.testsupport.amqp.BrokerConnected;
import dev.dispatch.testsupport.jwt.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;

/**
 * /ws/calls with real WebSocket clients: a customer and the courier of a dispatched order (known from the dispatched
 * event over AMQP), operators, and strangers. What is relayed to whom and in which order, what is refused, how calls
 * end, and what is stored.
 */
@QuarkusTest
class CallSignallingTest extends BrokerConnected {

    @Inject
    Pool pool;

    @Test
    void aCustomerAndTheCourierCallEachOtherAndEverySignalArrivesInOrder() throws Exception {
        Order order = dispatchedOrder();
        String callId = UUID.randomUUID().toString();
        try (WsClient customer = WsClient.connectCalls(vertx, Tokens.customer(order.customer));
                WsClient courier = WsClient.connectCalls(vertx, Tokens.ofGroup(order.courier, "courier"));
                WsClient history = WsClient.connect(vertx, Tokens.customer(order.customer))) {
            customer.send(call(callId, order.id, "video"));
            customer.send(message("offer", callId).put("sdp", "v=0 offer"));

            JsonObject invitation = courier.awaitType("call");
            assertThat(invitation.getString("callId")).isEqualTo(callId);
            assertThat(invitation.getString("orderId")).isEqualTo(order.id);
            assertThat(invitation.getString("media")).isEqualTo("video");
            assertThat(invitation.getJsonObject("from").getMap()).containsEntry("id", order.customer).containsEntry("role", "customer");
            assertThat(courier.awaitType("offer").getString("sdp")).isEqualTo("v=0 offer");

            courier.send(message("ringing", callId));
            assertThat(customer.awaitType("ringing").getJsonObject("from").getString("role")).isEqualTo("courier");
            courier.send(message("answer", callId).put("sdp", "v=0 answer"));
            JsonObject answer = customer.awaitType("answer");
            assertThat(answer.getString("sdp")).isEqualTo("v=0 answer");
            assertThat(answer.getJsonObject("from").getString("id")).isEqualTo(order.courier);

            // Trickled candidates, both ways at once, arrive in the order each side sent them.
            for (int i = 0; i < 10; i++) {
                customer.send(candidate(callId, "customer-" + i));
                courier.send(candidate(callId, "courier-" + i));
            }
            assertThat(candidatesOf(courier, 10)).containsExactly(IntStream.range(0, 10).mapToObj(i -> "customer-" + i).toArray(String[]::new));
            assertThat(candidatesOf(customer, 10)).containsExactly(IntStream.range(0, 10).mapToObj(i -> "courier-" + i).toArray(String[]::new));

            customer.send(message("hangup", callId));
            JsonObject hangup = courier.awaitType("hangup");
            assertThat(hangup.getString("reason")).isEqualTo("hangup");
            assertThat(hangup.getJsonObject("from").getString("role")).isEqualTo("customer");
            // Nothing came back to the sender of each message, and the caller got no copy of its own.
            assertThat(customer.ofType("offer")).isEmpty();
            assertThat(customer.ofType("hangup")).isEmpty();
            assertThat(courier.ofType("answer")).isEmpty();

            // The call is in the order's history (live on the customer's notification socket) and stored.
            JsonObject entry = await().atMost(WsClient.WAIT).until(() -> history.notificationsOf(order.id).stream()
                    .filter(n -> "dispatch.call.ended".equals(n.getString("type"))).findFirst(), java.util.Optional::isPresent).get();
            assertThat(entry.getString("text")).startsWith("Video call with the courier, ").contains(" s (order ");
            assertThat(entry.getJsonObject("data").getString("callId")).isEqualTo(callId);
            assertThat(entry.getJsonObject("data").getBoolean("answered")).isTrue();
            Row stored = callRow(callId);
            assertThat(stored.getString("state")).isEqualTo("ENDED");
            assertThat(stored.getString("end_reason")).isEqualTo("HANGUP");
            assertThat(stored.getString("caller_role")).isEqualTo("CUSTOMER");
            assertThat(stored.getString("callee_id")).isEqualTo(order.courier);
            assertThat(stored.getOffsetDateTime("answered_at")).isNotNull();
            assertThat(stored.getOffsetDateTime("ended_at")).isAfterOrEqualTo(stored.getOffsetDateTime("answered_at"));
            assertThat(customer.ofType("error")).isEmpty();
            assertThat(courier.ofType("error")).isEmpty();
        }
    }

    @Test
    void theCourierCallsTheCustomerAndAnOperatorCallsEither() throws Exception {
        Order order = dispatchedOrder();
        String operator = Ids.operator();
        try (WsClient customer = WsClient.connectCalls(vertx, Tokens.customer(order.customer));
                WsClient courier = WsClient.connectCalls(vertx, Tokens.ofGroup(order.courier, "courier"));
                WsClient olga = WsClient.connectCalls(vertx, Tokens.operator(operator))) {
            String fromCourier = UUID.randomUUID().toString();
            courier.send(call(fromCourier, order.id, "audio"));
            assertThat(customer.awaitType("call").getJsonObject("from").getMap()).containsEntry("id", order.courier).containsEntry("role", "courier");
            courier.send(message("hangup", fromCourier));
            customer.awaitType("hangup");

            String toCourier = UUID.randomUUID().toString();
            olga.send(call(toCourier, order.id, "audio").put("to", "courier"));
            JsonObject atCourier = courier.awaitType("call");
            assertThat(atCourier.getString("callId")).isEqualTo(toCourier);
            assertThat(atCourier.getJsonObject("from").getMap()).containsEntry("id", operator).containsEntry("role", "operator");

            String toCustomer = UUID.randomUUID().toString();
            olga.send(call(toCustomer, order.id, "video").put("to", "customer"));
            assertThat(customer.awaitType("call", 2).getString("callId")).isEqualTo(toCustomer);

            // An operator must say whom.
            olga.send(call(UUID.randomUUID().toString(), order.id, "video"));
            assertThat(olga.awaitType("error").getString("code")).isEqualTo("bad-message");
            assertThat(customer.ofType("call")).hasSize(2);
        }
    }

    @Test
    void strangersAreNotAPartyAndThePeersReceiveNothingOfThem() throws Exception {
        Order order = dispatchedOrder();
        Order other = dispatchedOrder();
        String callId = UUID.randomUUID().toString();
        try (WsClient customer = WsClient.connectCalls(vertx, Tokens.customer(order.customer));
                WsClient courier = WsClient.connectCalls(vertx, Tokens.ofGroup(order.courier, "courier"));
                WsClient stranger = WsClient.connectCalls(vertx, Tokens.customer(other.customer));
                WsClient otherCourier = WsClient.connectCalls(vertx, Tokens.ofGroup(other.courier, "courier"))) {
            customer.send(call(callId, order.id, "video"));
            courier.awaitType("call");

            // Calling about someone else's order, as another customer or another order's courier.
            stranger.send(call(UUID.randomUUID().toString(), order.id, "video"));
            otherCourier.send(call(UUID.randomUUID().toString(), order.id, "audio"));
            // A customer's id in the courier role (or the other way round) is someone else.
            try (WsClient impostor = WsClient.connectCalls(vertx, Tokens.ofGroup(order.customer, "courier"))) {
                impostor.send(call(UUID.randomUUID().toString(), order.id, "audio"));
                assertThat(impostor.awaitType("error").getString("code")).isEqualTo("not-a-party");
            }
            // Signalling into the call they learnt the id of.
            stranger.send(message("offer", callId).put("sdp", "v=0 evil"));
            stranger.send(candidate(callId, "evil"));
            otherCourier.send(message("answer", callId).put("sdp", "v=0 evil"));
            otherCourier.send(message("hangup", callId));

            await().atMost(WsClient.WAIT).until(() -> stranger.ofType("error").size() == 3 && otherCourier.ofType("error").size() == 3);
            assertThat(stranger.ofType("error")).extracting(e -> e.getString("code")).containsOnly("not-a-party");
            assertThat(otherCourier.ofType("error")).extracting(e -> e.getString("code")).containsOnly("not-a-party");
            assertThat(stranger.ofType("error").get(1).getString("callId")).isEqualTo(callId);

            // A marker from the real caller: everything stored before it has arrived, and none of it was theirs.
            customer.send(candidate(callId, "marker"));
            courier.awaitType("candidate");
            assertThat(courier.received()).extracting(m -> m.getString("type")).containsExactly("pong", "call", "candidate");
            assertThat(customer.received()).extracting(m -> m.getString("type")).containsExactly("pong");
            assertThat(callRow(callId).getString("state")).isEqualTo("RINGING");
        }
    }

    @Test
    void messagesTheServerCannotActOnGetAnErrorAndTheSocketStaysOpen() throws Exception {
        try (WsClient ws = WsClient.connectCalls(vertx, Tokens.customer(Ids.customer()))) {
            ws.sendText("not json");
            ws.sendText("[]");
            ws.send(new JsonObject().put("type", "dance").put("callId", UUID.randomUUID().toString()));
            ws.send(new JsonObject().put("type", "offer").put("sdp", "v=0"));
            ws.send(new JsonObject().put("type", "call").put("callId", UUID.randomUUID().toString()).put("orderId", "o"));
            ws.send(new JsonObject().put("type", "candidate").put("callId", UUID.randomUUID().toString()).put("candidate", 5));
            String unknown = UUID.randomUUID().toString();
            ws.send(message("hangup", unknown));

            await().atMost(WsClient.WAIT).until(() -> ws.ofType("error").size() == 7);
            assertThat(ws.ofType("error")).extracting(e -> e.getString("code")).containsExactly(
                    "bad-message", "bad-message", "bad-message", "bad-message", "bad-message", "bad-message", "no-such-call");
            assertThat(ws.ofType("error")).allSatisfy(e -> assertThat(e.getString("message")).isNotBlank());
            assertThat(ws.ofType("error").get(2).getString("message")).contains("dance");
            assertThat(ws.ofType("error").get(6).getString("callId")).isEqualTo(unknown);
            ws.roundTrip();
            assertThat(ws.isClosed()).isFalse();
        }
    }

    @Test
    void aMessageOver16KiBClosesTheSocketWith1009() throws Exception {
        String token = Tokens.customer(Ids.customer());
        try (WsClient ws = WsClient.connectCalls(vertx, token); WsClient fragmented = WsClient.connectCalls(vertx, token)) {
            ws.sendText(WsClient.pingOfSize(16 * 1024));
            ws.awaitType("pong", 2); // the first answered connectCalls

            ws.send(message("offer", UUID.randomUUID().toString()).put("sdp", "x".repeat(17 * 1024)));
            fragmented.sendFragmented(WsClient.pingOfSize(17 * 1024), 4);
            assertThat(ws.awaitClosed()).isEqualTo((short) 1009);
            assertThat(ws.closeReason()).isEqualTo("message too big: at most 16384 bytes");
            assertThat(fragmented.awaitClosed()).isEqualTo((short) 1009);
            assertThat(ws.ofType("error")).isEmpty();
        }
    }

    @Test
    void onlyADispatchedOrderNotYetDeliveredCanBeCalledAbout() throws Exception {
        String customer = Ids.customer();
        String paidOnly = Ids.order();
        broker.publish("order-events", CloudEvents.order("paid", paidOnly, customer));
        Order delivered = dispatchedOrder(customer);
        broker.publish("order-events", CloudEvents.order("delivered", delivered.id, customer));
        await().atMost(WsClient.WAIT).until(() -> !rows("SELECT 1 FROM order_party WHERE order_id = $1 AND closed_at IS NOT NULL", delivered.id).isEmpty());
        await().atMost(WsClient.WAIT).until(() -> !rows("SELECT 1 FROM notification WHERE order_id = $1", paidOnly).isEmpty());

        try (WsClient ws = WsClient.connectCalls(vertx, Tokens.customer(customer));
                WsClient operator = WsClient.connectCalls(vertx, Tokens.operator(Ids.operator()))) {
            ws.send(call(UUID.randomUUID().toString(), Ids.order(), "video"));
            ws.send(call(UUID.randomUUID().toString(), paidOnly, "video"));
            ws.send(call(UUID.randomUUID().toString(), delivered.id, "video"));
            operator.send(call(UUID.randomUUID().toString(), delivered.id, "audio").put("to", "courier"));
            await().atMost(WsClient.WAIT).until(() -> ws.ofType("error").size() == 3);
            assertThat(ws.ofType("error")).extracting(e -> e.getString("code")).containsOnly("order-not-callable");
            assertThat(operator.awaitType("error").getString("code")).isEqualTo("order-not-callable");
        }
    }

    @Test
    void aCallNobodyAnswersTimesOutOnBothSidesAndIsAMissedCallInTheHistory() throws Exception {
        Order order = dispatchedOrder();
        String callId = UUID.randomUUID().toString();
        try (WsClient courier = WsClient.connectCalls(vertx, Tokens.ofGroup(order.courier, "courier"));
                WsClient customer = WsClient.connectCalls(vertx, Tokens.customer(order.customer))) {
            long start = System.nanoTime();
            courier.send(call(callId, order.id, "audio"));
            customer.awaitType("call");
            // ring-timeout is 2s in tests
            assertThat(courier.awaitType("hangup").getString("reason")).isEqualTo("timeout");
            assertThat(customer.awaitType("hangup").getString("reason")).isEqualTo("timeout");
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(1_900_000_000L);
            customer.send(message("answer", callId).put("sdp", "v=0 too late"));
            assertThat(customer.awaitType("error").getString("code")).isEqualTo("no-such-call");
        }
        Row stored = callRow(callId);
        assertThat(stored.getString("end_reason")).isEqualTo("TIMEOUT");
        assertThat(stored.getOffsetDateTime("answered_at")).isNull();
        List<Row> history = await().atMost(WsClient.WAIT).until(
                () -> rows("SELECT text, customer_id, operators_only FROM notification WHERE event_id = $1", callId), r -> r.size() == 1);
        assertThat(history.get(0).getString("text")).startsWith("Missed audio call from the courier");
        assertThat(history.get(0).getString("customer_id")).isEqualTo(order.customer);
        assertThat(history.get(0).getBoolean("operators_only")).isFalse();
    }

    @Test
    void aBusyCalleeEndsTheCallForTheCallerAndItsOtherTabs() throws Exception {
        Order order = dispatchedOrder();
        String callId = UUID.randomUUID().toString();
        try (WsClient customer = WsClient.connectCalls(vertx, Tokens.customer(order.customer));
                WsClient courierPhone = WsClient.connectCalls(vertx, Tokens.ofGroup(order.courier, "courier"));
                WsClient courierTablet = WsClient.connectCalls(vertx, Tokens.ofGroup(order.courier, "courier"))) {
            customer.send(call(callId, order.id, "video"));
            courierPhone.awaitType("call");
            courierTablet.awaitType("call");
            courierPhone.send(message("busy", callId));
            JsonObject atCaller = customer.awaitType("hangup");
            assertThat(atCaller.getString("reason")).isEqualTo("busy");
            assertThat(atCaller.getJsonObject("from").getString("role")).isEqualTo("courier");
            assertThat(courierTablet.awaitType("hangup").getString("reason")).isEqualTo("busy");
            courierPhone.roundTrip();
            assertThat(courierPhone.ofType("hangup")).isEmpty();
            // The caller's trickled candidates and a hang-up that crossed the decline are not errors (an error would
            // race the hangup to the page); a second decline is.
            customer.send(candidate(callId, "late"));
            customer.send(message("hangup", callId));
            customer.roundTrip();
            assertThat(customer.ofType("error")).isEmpty();
            courierTablet.send(message("busy", callId));
            assertThat(courierTablet.awaitType("error").getString("code")).isEqualTo("no-such-call");
        }
        assertThat(callRow(callId).getString("end_reason")).isEqualTo("BUSY");
    }

    @Test
    void aPeerWhoseSocketClosesMidCallHangsUpTheOtherSide() throws Exception {
        Order order = dispatchedOrder();
        String callId = UUID.randomUUID().toString();
        try (WsClient customer = WsClient.connectCalls(vertx, Tokens.customer(order.customer))) {
            WsClient courier = WsClient.connectCalls(vertx, Tokens.ofGroup(order.courier, "courier"));
            customer.send(call(callId, order.id, "video"));
            courier.awaitType("call");
            courier.send(message("answer", callId).put("sdp", "v=0"));
            customer.awaitType("answer");
            courier.close();
            JsonObject hangup = customer.awaitType("hangup");
            assertThat(hangup.getString("reason")).isEqualTo("disconnected");
            assertThat(hangup.getJsonObject("from").getString("id")).isEqualTo(order.courier);
        }
        assertThat(callRow(callId).getString("end_reason")).isEqualTo("DISCONNECTED");
    }

    @Test
    void onceOneTabAnswersTheOthersAreToldAndTheCallIsBoundToIt() throws Exception {
        Order order = dispatchedOrder();
        String callId = UUID.randomUUID().toString();
        try (WsClient courier = WsClient.connectCalls(vertx, Tokens.ofGroup(order.courier, "courier"));
                WsClient laptop = WsClient.connectCalls(vertx, Tokens.customer(order.customer));
                WsClient phone = WsClient.connectCalls(vertx, Tokens.customer(order.customer))) {
            courier.send(call(callId, order.id, "video"));
            courier.send(message("offer", callId).put("sdp", "v=0 offer"));
            laptop.awaitType("offer");
            phone.awaitType("offer");
            phone.send(message("answer", callId).put("sdp", "v=0 answer"));
            courier.awaitType("answer");
            JsonObject elsewhere = laptop.awaitType("hangup");
            assertThat(elsewhere.getString("reason")).isEqualTo("answered-elsewhere");

            courier.send(candidate(callId, "after-answer"));
            phone.awaitType("candidate");
            laptop.send(message("answer", callId).put("sdp", "v=0 late"));
            assertThat(laptop.awaitType("error").getString("code")).isEqualTo("no-such-call");
            laptop.send(candidate(callId, "from-the-laptop"));
            courier.send(candidate(callId, "second"));
            phone.awaitType("candidate", 2);
            assertThat(laptop.ofType("candidate")).isEmpty();
            assertThat(courier.ofType("candidate")).isEmpty();
            assertThat(phone.ofType("hangup")).isEmpty();
        }
    }

    @Test
    void beyondSixtyMessagesInTenSecondsTheRestAreDropped() throws Exception {
        try (WsClient ws = WsClient.connectCalls(vertx, Tokens.customer(Ids.customer()))) {
            // connectCalls sent one ping already
            for (int i = 0; i < 69; i++) {
                ws.send(new JsonObject().put("type", "ping"));
            }
            await().atMost(WsClient.WAIT).until(() -> ws.ofType("pong").size() + ws.ofType("error").size() == 70);
            assertThat(ws.ofType("pong")).hasSize(60);
            assertThat(ws.ofType("error")).hasSize(10).allSatisfy(e -> assertThat(e.getString("code")).isEqualTo("rate-limited"));
            assertThat(ws.isClosed()).isFalse();
        }
    }

    @Test
    void theUpgradeNeedsATokenOfACustomerCourierOrOperator() {
        assertRefused("/ws/calls", 401);
        assertRefused("/ws/calls?access_token=not-a-jwt", 401);
        assertRefused("/ws/calls?access_token=" + Tokens.expired(Ids.customer()), 401);
        assertRefused("/ws/calls?access_token=" + Tokens.signedByStranger(Ids.customer()), 401);
        assertRefused("/ws/calls?access_token=" + Tokens.ofGroup("someone", "auditor"), 403);
    }

    @Test
    void aCourierTokenReadsNoNotifications() {
        String courier = Tokens.ofGroup("courier-" + UUID.randomUUID().toString().substring(0, 8), "courier");
        assertRefused("/ws/notifications?access_token=" + courier, 403);
        io.restassured.RestAssured.given().accept("text/event-stream").queryParam("access_token", courier)
                .when().get("/api/notifications/stream").then().statusCode(403);
        io.restassured.RestAssured.given().auth().oauth2(courier).when().get("/api/notifications/preferences").then().statusCode(403);
    }

    // --- helpers

    record Order(String id, String customer, String courier) {
    }

    private Order dispatchedOrder() {
        return dispatchedOrder(Ids.customer());
    }

    /** An order dispatched to a courier of its own, once the service has recorded its parties. */
    private Order dispatchedOrder(String customer) {
        Order order = new Order(Ids.order(), customer, "courier-" + UUID.randomUUID().toString().substring(0, 8));
        broker.publish("order-events", CloudEvents.dispatched(order.id, order.customer, order.courier));
        await().atMost(WsClient.WAIT).until(() -> !rows("SELECT 1 FROM order_party WHERE order_id = $1 AND dispatched_at IS NOT NULL", order.id).isEmpty());
        return order;
    }

    static JsonObject message(String type, String callId) {
        return new JsonObject().put("type", type).put("callId", callId);
    }

    static JsonObject call(String callId, String orderId, String media) {
        return message("call", callId).put("orderId", orderId).put("media", media);
    }

    static JsonObject candidate(String callId, String candidate) {
        return message("candidate", callId).put("candidate", new JsonObject().put("candidate", candidate).put("sdpMid", "0").put("sdpMLineIndex", 0));
    }

    private static List<String> candidatesOf(WsClient client, int n) {
        client.awaitType("candidate", n);
        return client.ofType("candidate").stream().map(c -> c.getJsonObject("candidate").getString("candidate")).toList();
    }

    private Row callRow(String callId) {
        return await().atMost(WsClient.WAIT).until(() -> rows("SELECT * FROM call WHERE call_id = $1::uuid", callId), r -> r.size() == 1).get(0);
    }

    private List<Row> rows(String sql, String parameter) {
        List<Row> rows = new java.util.ArrayList<>();
        pool.preparedQuery(sql).execute(Tuple.of(parameter)).await().atMost(WsClient.WAIT).forEach(rows::add);
        return rows;
    }

    private void assertRefused(String uri, int status) {
        assertThatThrownBy(() -> WsClient.open(vertx, uri, null, new HttpClientOptions()))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(UpgradeRejectedException.class)
                .satisfies(e -> assertThat(((UpgradeRejectedException) e).getStatus()).as(uri).isEqualTo(status));
    }
}
