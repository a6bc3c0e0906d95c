package dev.dispatch.notification.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import dev.dispatch.notification.support.CloudEvents;
import dev.dispatch.notification.support.Ids;
import dev.dispatch.notification.support.SseClient;
import dev.dispatch.notification.support.WsClient;
import dev.dispatch.testsupport.amqp.BrokerConnected;
import dev.dispatch.testsupport.jwt.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** GET/PUT /api/notifications/preferences, and their effect on streams that are already open. */
@QuarkusTest
class PreferenceResourceTest extends BrokerConnected {

    static final String PATH = "/api/notifications/preferences";

    @Test
    void everythingIsOnUntilTurnedOff() {
        given().auth().oauth2(Tokens.customer(Ids.customer()))
                .when().get(PATH)
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("types.keySet()", hasItems("dispatch.order.placed", "dispatch.order.paid", "dispatch.order.cancelled"))
                .body("types.values().websocket", everyItem(is(true)))
                .body("types.values().sse", everyItem(is(true)));
    }

    @Test
    void operatorsAlsoSeeTheAlertTypesWhichCustomersNeverGet() {
        String token = Tokens.operator(Ids.operator());
        given().auth().oauth2(token)
                .when().get(PATH)
                .then().statusCode(200)
                .body("types.keySet()", hasItems("dispatch.order.placed", "dispatch.device.alert.offline", "dispatch.sensor.alert.temperature",
                        "dispatch.sensor.alert.shock", "dispatch.sensor.alert.battery"))
                .body("types.values().websocket", everyItem(is(true)));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"types\": {\"dispatch.sensor.alert.battery\": {\"sse\": false}}}")
                .when().put(PATH)
                .then().statusCode(200)
                .body("types.'dispatch.sensor.alert.battery'.sse", is(false))
                .body("types.'dispatch.sensor.alert.battery'.websocket", is(true))
                .body("types.'dispatch.sensor.alert.shock'.sse", is(true));
        given().auth().oauth2(Tokens.customer(Ids.customer()))
                .when().get(PATH)
                .then().statusCode(200)
                .body("types.keySet()", not(hasItem("dispatch.sensor.alert.temperature")))
                .body("types.keySet()", not(hasItem("dispatch.device.alert.offline")));
    }

    @Test
    void aChangeAppliesAtOnceToOpenStreamsOfThatChannelOnly() throws Exception {
        String alice = Ids.customer();
        String token = Tokens.customer(alice);
        String order = Ids.order();
        try (WsClient ws = WsClient.connect(vertx, token); SseClient sse = SseClient.connect(vertx, token)) {
            given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body("{\"types\": {\"dispatch.order.paid\": {\"websocket\": false}, \"dispatch.delivery.progress\": {\"sse\": false}}}")
                    .when().put(PATH)
                    .then().statusCode(200)
                    .body("types.'dispatch.order.paid'.websocket", is(false))
                    .body("types.'dispatch.order.paid'.sse", is(true))
                    .body("types.'dispatch.delivery.progress'.sse", is(false))
                    .body("types.'dispatch.order.placed'.websocket", is(true));
            given().auth().oauth2(token).when().get(PATH)
                    .then().statusCode(200).body("types.'dispatch.order.paid'.websocket", is(false));

            broker.publish("order-events", CloudEvents.order("placed", order, alice));
            broker.publish("order-events", CloudEvents.order("paid", order, alice));
            broker.publish("order-events", CloudEvents.order("dispatched", order, alice));
            sse.awaitEvents(3);
            await().atMost(WsClient.WAIT).until(() -> ws.notifications().size() == 2);
            ws.roundTrip();
            assertThat(ws.notifications()).extracting(n -> n.getString("type"))
                    .containsExactly("dispatch.order.placed", "dispatch.order.dispatched");
            assertThat(sse.events()).extracting(SseClient.Event::event)
                    .containsExactly("dispatch.order.placed", "dispatch.order.paid", "dispatch.order.dispatched");

            // Replacing the preferences with none turns everything on again.
            given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"types\": {}}")
                    .when().put(PATH).then().statusCode(200).body("types.'dispatch.order.paid'.websocket", is(true));
            broker.publish("order-events", CloudEvents.order("paid", order, alice));
            await().atMost(WsClient.WAIT).until(() -> ws.notifications().size() == 3);
            assertThat(ws.notifications().get(2).getString("type")).isEqualTo("dispatch.order.paid");
        }
        // Another user's preferences are untouched.
        given().auth().oauth2(Tokens.customer(Ids.customer())).when().get(PATH)
                .then().statusCode(200).body("types.'dispatch.order.paid'.websocket", is(true));
    }

    @Test
    void invalidPreferencesAreAProblemNamingEachField() {
        String token = Tokens.customer(Ids.customer());
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"types\": {\"Not A Type\": {\"websocket\": false}, \"dispatch.order.paid\": {\"email\": true, \"sse\": \"no\"}},"
                        + " \"extra\": 1}")
                .when().put(PATH)
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", is("/problems/validation"))
                .body("status", is(400))
                .body("instance", is(PATH))
                .body("errors.field", containsInAnyOrder("extra", "types.Not A Type", "types.dispatch.order.paid.email",
                        "types.dispatch.order.paid.sse"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{}")
                .when().put(PATH)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("types"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"types\": {\"dispatch.order.paid\": true}}")
                .when().put(PATH)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("types.dispatch.order.paid"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"types\": ")
                .when().put(PATH)
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", is("/problems/malformed-json"));
        given().auth().oauth2(token).contentType(ContentType.TEXT).body("paid=off")
                .when().put(PATH)
                .then().statusCode(415).contentType("application/problem+json");
        // Nothing was stored by the refused requests.
        given().auth().oauth2(token).when().get(PATH)
                .then().statusCode(200).body("types.values().websocket", everyItem(is(true)));
    }

    @Test
    void preferencesNeedAValidToken() {
        given().when().get(PATH)
                .then().statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
        given().auth().oauth2(Tokens.signedByStranger(Ids.customer())).when().get(PATH)
                .then().statusCode(401).contentType("application/problem+json");
        // The query-parameter token is only for the two streams, where browsers cannot send a header.
        given().queryParam("access_token", Tokens.customer(Ids.customer())).when().get(PATH)
                .then().statusCode(401);
        given().auth().oauth2(Tokens.ofGroup(Ids.customer(), "courier")).when().get(PATH)
                .then().statusCode(403).contentType("application/problem+json");
    }
}
