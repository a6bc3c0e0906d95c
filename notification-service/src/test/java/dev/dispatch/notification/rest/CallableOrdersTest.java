package dev.dispatch.notification.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.dispatch.notification.support.CloudEvents;
import dev.dispatch.notification.support.Ids;
import dev.dispatch.testsupport.amqp.BrokerConnected;
import dev.dispatch.testsupport.jwt.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * GET /api/calls/orders after real dispatched and delivered events over AMQP: each user sees the open orders they may
 * call about, and nobody else's.
 */
@QuarkusTest
class CallableOrdersTest extends BrokerConnected {

    static final String PATH = "/api/calls/orders";

    @Test
    void customersAndCouriersSeeTheirOpenOrdersOperatorsEveryOne() {
        String alice = Ids.customer();
        String bob = Ids.customer();
        String carl = courier();
        String dora = courier();
        String first = dispatch(alice, carl);
        String second = dispatch(alice, dora);
        String bobs = dispatch(bob, dora);
        String delivered = dispatch(alice, carl);
        broker.publish("order-events", CloudEvents.order("delivered", delivered, alice));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> orderIds(Tokens.customer(alice)).body("orders.orderId",
                not(hasItems(delivered))));

        // Newest dispatch first; the delivered one is no longer callable.
        orderIds(Tokens.customer(alice)).body("orders.orderId", contains(second, first))
                .body("orders[0].customerId", org.hamcrest.Matchers.is(alice))
                .body("orders[0].courierId", org.hamcrest.Matchers.is(dora));
        orderIds(Tokens.customer(bob)).body("orders.orderId", contains(bobs));
        orderIds(Tokens.ofGroup(carl, "courier")).body("orders.orderId", contains(first));
        orderIds(Tokens.ofGroup(dora, "courier")).body("orders.orderId", contains(bobs, second));
        orderIds(Tokens.operator(Ids.operator())).body("orders.orderId", hasItems(first, second, bobs))
                .body("orders.orderId", not(hasItems(delivered)));
        // A courier's id used with a customer token is a customer without orders, not the courier.
        orderIds(Tokens.customer(carl)).body("orders", org.hamcrest.Matchers.empty());
    }

    @Test
    void withoutAValidTokenItIs401AndOtherRoles403() {
        given().when().get(PATH).then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(Tokens.expired("alice")).when().get(PATH).then().statusCode(401);
        given().auth().oauth2(Tokens.ofGroup("someone", "auditor")).when().get(PATH).then().statusCode(403)
                .contentType("application/problem+json");
    }

    private io.restassured.response.ValidatableResponse orderIds(String token) {
        return given().auth().oauth2(token).when().get(PATH).then().statusCode(200).contentType("application/json");
    }

    /** Publishes the order's dispatched event and waits until the customer's list has it. */
    private String dispatch(String customer, String courier) {
        String order = Ids.order();
        broker.publish("order-events", CloudEvents.dispatched(order, customer, courier));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> orderIds(Tokens.customer(customer))
                .body("orders.orderId", hasItems(order)));
        return order;
    }

    private static String courier() {
        return "courier-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
