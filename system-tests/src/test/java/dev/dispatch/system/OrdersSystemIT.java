package dev.dispatch.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.restassured.http.ContentType;

/**
 * Orders end to end, across real processes: REST at the gateway → gRPC to order-service → gRPC to
 * payment-service, stored in PostgreSQL, every state change read off the broker's {@code order-events}
 * by an independent AMQP consumer — including payment-service dying mid-run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrdersSystemIT {

    private DispatchSystem system;
    private AmqpEvents events;
    private String gateway;
    private String alice;
    private String bob;
    private String operator;

    @BeforeAll
    void startSystem() throws Exception {
        system = new DispatchSystem("orders").startBroker();
        events = new AmqpEvents(system, "order-events");
        system.start("payment-service", "payments", Map.of());
        system.start("order-service", "orders", Map.of("payments", "payment-service"));
        gateway = system.start("gateway", null, Map.of("orders", "order-service")).baseUrl();
        alice = system.token("customer", "alice");
        bob = system.token("customer", "bob");
        operator = system.token("operator", "olga");
    }

    @AfterAll
    void stopSystem() throws Exception {
        if (events != null) {
            events.close();
        }
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aPlacedOrderIsPaidAndItsEventsAreOnTheBroker() {
        String id = place(alice, "tok_approve", 201);

        order(alice, id).body("status", equalTo("PAID")).body("payment.status", equalTo("AUTHORIZED"));
        given().auth().oauth2(bob).get(gateway + "/api/orders/" + id).then().statusCode(404);
        await().atMost(AmqpEvents.timeout()).untilAsserted(() ->
                assertThat(events.typesAbout(id)).containsExactly("dispatch.order.placed", "dispatch.order.paid"));
    }

    @Test
    void aDeclinedPaymentDeclinesTheOrder() {
        String id = place(alice, "tok_insufficient_funds", 201);

        order(alice, id).body("status", equalTo("PAYMENT_DECLINED"));
        await().atMost(AmqpEvents.timeout()).untilAsserted(() ->
                assertThat(events.typesAbout(id)).containsExactly("dispatch.order.placed", "dispatch.order.payment-declined"));
    }

    @Test
    void cancellingAPaidOrderRefundsIt() {
        String id = place(alice, "tok_approve", 201);

        given().auth().oauth2(alice).contentType(ContentType.JSON).body(Map.of("reason", "changed my mind"))
                .post(gateway + "/api/orders/" + id + "/cancel")
                .then().statusCode(200).body("status", equalTo("CANCELLED")).body("payment.status", equalTo("REFUNDED"));
        given().auth().oauth2(operator).contentType(ContentType.JSON).body(Map.of("deviceId", "courier-1"))
                .post(gateway + "/api/orders/" + id + "/dispatch")
                .then().statusCode(409);
        await().atMost(AmqpEvents.timeout()).untilAsserted(() -> assertThat(events.typesAbout(id))
                .containsExactly("dispatch.order.placed", "dispatch.order.paid", "dispatch.order.cancelled"));
    }

    @Test
    void anOperatorDispatchesAPaidOrder() {
        String id = place(alice, "tok_approve", 201);

        given().auth().oauth2(operator).contentType(ContentType.JSON).body(Map.of("deviceId", "courier-7"))
                .post(gateway + "/api/orders/" + id + "/dispatch")
                .then().statusCode(200).body("status", equalTo("DISPATCHED")).body("deviceId", equalTo("courier-7"));
        await().atMost(AmqpEvents.timeout()).untilAsserted(() -> assertThat(events.typesAbout(id))
                .containsExactly("dispatch.order.placed", "dispatch.order.paid", "dispatch.order.dispatched"));
    }

    @Test
    void anOrderPlacedWhilePaymentServiceIsDownCompletesOnceItIsBack() throws Exception {
        ServiceProcess payments = system.service("payment-service");
        payments.kill();

        String id = place(alice, "tok_approve", 201);
        order(alice, id).body("status", equalTo("AWAITING_PAYMENT"));

        payments.start().awaitReady(Duration.ofMinutes(2));
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                order(alice, id).body("status", equalTo("PAID")));
        await().atMost(AmqpEvents.timeout()).untilAsserted(() ->
                assertThat(events.typesAbout(id)).containsExactly("dispatch.order.placed", "dispatch.order.paid"));
    }

    private String place(String token, String paymentToken, int expectedStatus) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of(
                        "items", new Object[] {Map.of("sku", "BOOK-1", "name", "A book", "quantity", 2, "unitPriceMinor", 1250)},
                        "currency", "EUR",
                        "deliveryAddress", Map.of("street", "Main St 1", "city", "Berlin", "postalCode", "10115", "country", "DE",
                                "latitude", 52.52, "longitude", 13.405),
                        "paymentToken", paymentToken))
                .post(gateway + "/api/orders")
                .then().statusCode(expectedStatus)
                .extract().path("id");
    }

    private io.restassured.response.ValidatableResponse order(String token, String id) {
        return given().auth().oauth2(token).get(gateway + "/api/orders/" + id).then().statusCode(200);
    }
}
