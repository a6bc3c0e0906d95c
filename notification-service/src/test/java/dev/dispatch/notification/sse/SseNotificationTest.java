package dev.dispatch.notification.sse;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.dispatch.notification.support.CloudEvents;
import dev.dispatch.notification.support.Ids;
import dev.dispatch.notification.support.SseClient;
import dev.dispatch.testsupport.amqp.BrokerConnected;
import dev.dispatch.testsupport.jwt.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/** /api/notifications/stream with a real SSE client (an HTTP response read as text/event-stream). */
@QuarkusTest
class SseNotificationTest extends BrokerConnected {

    @Test
    void everyEventHasAnIdAndANamedTypeAndOnlyTheCustomersOwn() throws Exception {
        String alice = Ids.customer();
        String order = Ids.order();
        try (SseClient a = SseClient.connect(vertx, Tokens.customer(alice));
                SseClient b = SseClient.connect(vertx, Tokens.customer(Ids.customer()))) {
            assertThat(a.header("Content-Type")).startsWith("text/event-stream");
            assertThat(a.header("Cache-Control")).isEqualTo("no-cache");
            JsonObject paid = CloudEvents.order("paid", order, alice);
            broker.publish("order-events", paid);

            SseClient.Event event = a.awaitEvents(1).get(0);
            assertThat(event.id()).matches("\\d+");
            assertThat(event.event()).isEqualTo("dispatch.order.paid");
            JsonObject notification = event.json();
            assertThat(notification.getString("id")).isEqualTo(event.id());
            assertThat(notification.getString("eventId")).isEqualTo(paid.getString("id"));
            assertThat(notification.getString("orderId")).isEqualTo(order);
            assertThat(notification.getString("text")).startsWith("Payment received for order");
            assertThat(notification.getJsonObject("data").getString("status")).isEqualTo("PAID");

            broker.publish("order-events", CloudEvents.order("dispatched", order, alice));
            a.awaitEvents(2);
            assertThat(b.events()).isEmpty();
        }
    }

    @Test
    void lastEventIdResumesExactlyWithWhatWasMissed() throws Exception {
        String carol = Ids.customer();
        String order = Ids.order();
        String lastSeen;
        try (SseClient first = SseClient.connect(vertx, Tokens.customer(carol))) {
            broker.publish("order-events", CloudEvents.order("placed", order, carol));
            lastSeen = first.awaitEvents(1).get(0).id();
        }
        // Missed while away:
        broker.publish("order-events", CloudEvents.order("paid", order, carol));
        broker.publish("order-events", CloudEvents.order("dispatched", order, carol));
        try (SseClient probe = SseClient.connect(vertx, Tokens.operator(Ids.operator()))) {
            // nothing to resume for the probe; it only tells when both events were stored (the operator sees all)
            awaitStored(order, 3);
        }

        try (SseClient resumed = SseClient.connect(vertx, Tokens.customer(carol), lastSeen, null)) {
            List<SseClient.Event> missed = resumed.awaitEvents(2);
            assertThat(missed).extracting(SseClient.Event::event).containsExactly("dispatch.order.paid", "dispatch.order.dispatched");
            broker.publish("order-events", CloudEvents.order("delivered", order, carol));
            List<SseClient.Event> all = resumed.awaitEvents(3);
            assertThat(all).extracting(SseClient.Event::event)
                    .containsExactly("dispatch.order.paid", "dispatch.order.dispatched", "dispatch.order.delivered");
            List<Long> ids = all.stream().map(e -> Long.parseLong(e.id())).toList();
            assertThat(ids).isSorted().doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).isGreaterThan(Long.parseLong(lastSeen)));
        }
        // A new EventSource cannot set the header: ?lastEventId= does the same.
        try (SseClient reopened = SseClient.open(vertx, "/api/notifications/stream?lastEventId=" + lastSeen + "&access_token="
                + Tokens.customer(carol), null, null)) {
            assertThat(reopened.awaitEvents(3)).extracting(SseClient.Event::event)
                    .containsExactly("dispatch.order.paid", "dispatch.order.dispatched", "dispatch.order.delivered");
        }
    }

    @Test
    void theHistoryIsBoundedPerCustomer() throws Exception {
        String dave = Ids.customer();
        String order = Ids.order();
        List<String> published;
        try (SseClient live = SseClient.connect(vertx, Tokens.customer(dave))) {
            for (int i = 0; i < 25; i++) {
                broker.publish("order-events", CloudEvents.order(i == 0 ? "placed" : "paid", order, dave));
            }
            published = live.awaitEvents(25).stream().map(SseClient.Event::id).toList();
        }
        // history-size is 20 in tests: of the 25, a resume from the very start gets the newest 20.
        try (SseClient resumed = SseClient.connect(vertx, Tokens.customer(dave), "0", null)) {
            // A live marker after the replay: everything before it is the replay.
            String marker = Ids.order();
            broker.publish("order-events", CloudEvents.order("placed", marker, dave));
            await().atMost(SseClient.WAIT).until(() -> !resumed.eventsOf(marker).isEmpty());
            List<String> replayed = resumed.events().stream().filter(e -> !marker.equals(e.json().getString("orderId")))
                    .map(SseClient.Event::id).toList();
            assertThat(replayed).containsExactlyElementsOf(published.subList(5, 25));
        }
    }

    @Test
    void theStreamCanFollowOneOrder() throws Exception {
        String erin = Ids.customer();
        String followed = Ids.order();
        try (SseClient stream = SseClient.connect(vertx, Tokens.customer(erin), null, followed)) {
            broker.publish("order-events", CloudEvents.order("placed", Ids.order(), erin));
            broker.publish("order-events", CloudEvents.order("placed", followed, erin));
            assertThat(stream.awaitEvents(1).get(0).json().getString("orderId")).isEqualTo(followed);
            broker.publish("order-events", CloudEvents.order("paid", followed, erin));
            assertThat(stream.awaitEvents(2)).extracting(e -> e.json().getString("orderId")).containsOnly(followed);
        }
    }

    @Test
    void heartbeatCommentsKeepAnIdleStreamAlive() throws Exception {
        try (SseClient idle = SseClient.connect(vertx, Tokens.customer(Ids.customer()))) {
            // heartbeat-interval is 1s in tests
            await().atMost(SseClient.WAIT).until(() -> idle.comments().stream().filter("heartbeat"::equals).count() >= 2);
            assertThat(idle.events()).isEmpty();
        }
    }

    @Test
    void theStreamIsRefusedWithoutAValidToken() {
        given().accept("text/event-stream").when().get("/api/notifications/stream")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("type", is("/problems/unauthorized")).body("status", is(401));
        given().accept("text/event-stream").queryParam("access_token", Tokens.signedByStranger(Ids.customer()))
                .when().get("/api/notifications/stream")
                .then().statusCode(401).contentType("application/problem+json");
        given().accept("text/event-stream").header("Authorization", "Bearer " + Tokens.expired(Ids.customer()))
                .when().get("/api/notifications/stream")
                .then().statusCode(401).contentType("application/problem+json");
        given().accept("text/event-stream").queryParam("access_token", Tokens.ofGroup(Ids.customer(), "courier"))
                .when().get("/api/notifications/stream")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void theTokenMayComeInTheAuthorizationHeader() throws Exception {
        String frank = Ids.customer();
        try (SseClient stream = SseClient.open(vertx, "/api/notifications/stream", Tokens.customer(frank), null)) {
            assertThat(stream.status()).isEqualTo(200);
            await().atMost(SseClient.WAIT).until(() -> stream.comments().contains("connected"));
            String order = Ids.order();
            broker.publish("order-events", CloudEvents.order("placed", order, frank));
            assertThat(stream.awaitEvents(1).get(0).json().getString("orderId")).isEqualTo(order);
        }
    }

    // The operator stream from the start shows what has been stored of an order, whoever it belongs to.
    private void awaitStored(String order, int atLeast) throws Exception {
        try (SseClient operator = SseClient.connect(vertx, Tokens.operator(Ids.operator()), "0", order)) {
            await().atMost(SseClient.WAIT).until(() -> operator.events().size() >= atLeast);
        }
    }
}
