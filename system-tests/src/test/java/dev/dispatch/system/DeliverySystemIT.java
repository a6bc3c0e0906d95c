package dev.dispatch.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.core.json.JsonObject;

/**
 * The backbone flow of DESIGN.md §4, steps 1–5, across real processes and every protocol on its path:
 * REST order → gRPC payment → dispatch over REST → iot-ingest binds the device from the AMQP order event and
 * tells it over MQTT → the simulated courier (a real MQTT client in its own JVM) drives there, reporting
 * telemetry → delivery progress and completion on AMQP → order-service marks the order DELIVERED — and the
 * same order's whole screen in one GraphQL request; a killed device goes offline by its MQTT last will.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeliverySystemIT {

    // ~1.8 km from the simulator's start (Alexanderplatz) to the customer (Unter den Linden).
    private static final double DESTINATION_LAT = 52.5170;
    private static final double DESTINATION_LON = 13.3889;
    private static final Duration DELIVERY = Duration.ofSeconds(90);

    private DispatchSystem system;
    private AmqpEvents deliveryEvents;
    private AmqpEvents orderEvents;
    private AmqpEvents deviceAlerts;
    private String gateway;
    private String alice;
    private String operator;

    @BeforeAll
    void startSystem() throws Exception {
        system = new DispatchSystem("delivery").startBroker();
        deliveryEvents = new AmqpEvents(system, "delivery-events");
        orderEvents = new AmqpEvents(system, "order-events");
        deviceAlerts = new AmqpEvents(system, "device-alerts");
        system.start("payment-service", "payments", Map.of());
        system.start("order-service", "orders", Map.of("payments", "payment-service"));
        system.start("iot-ingest", "iot", Map.of());
        gateway = system.start("gateway", null,
                Map.of("orders", "order-service", "devices", "iot-ingest", "payments", "payment-service")).baseUrl();
        alice = system.token("customer", "alice");
        operator = system.token("operator", "olga");
    }

    @AfterAll
    void stopSystem() throws Exception {
        for (AmqpEvents events : new AmqpEvents[] {deliveryEvents, orderEvents, deviceAlerts}) {
            if (events != null) {
                events.close();
            }
        }
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aDispatchedOrderIsDrivenToTheCustomerAndDelivered() throws Exception {
        // Fast, so the ~2 km take seconds; the cargo warms past the order's 8 °C limit on the way.
        system.startSimulator("courier-fast", "--devices", "1", "--id-prefix", "sys-courier-", "--report-interval", "1",
                "--speed", "150", "--cargo-temperature", "7", "--drift", "20");
        String device = "sys-courier-1";
        await("the device registered by its first 'online'").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> device(device).body("status", equalTo("ONLINE")));

        String orderId = place(alice, 8.0);
        GraphQLSubscription updates = new GraphQLSubscription(gateway, alice,
                "subscription { orderUpdated(orderId: \"" + orderId + "\") { eventType order { status } } }");
        await("the subscription's first message: the order as it is").atMost(Duration.ofSeconds(30))
                .until(() -> !updates.data().isEmpty());
        given().auth().oauth2(operator).contentType(ContentType.JSON).body(Map.of("deviceId", device))
                .post(gateway + "/api/orders/" + orderId + "/dispatch")
                .then().statusCode(200).body("status", equalTo("DISPATCHED"));

        await("delivered").atMost(DELIVERY).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> order(alice, orderId).body("status", equalTo("DELIVERED")));

        // The customer watched it live over GraphQL: the current state first, then each change as it happened.
        await().atMost(AmqpEvents.timeout()).untilAsserted(() -> assertThat(updates.data().stream()
                .map(d -> d.getJsonObject("orderUpdated").getJsonObject("order").getString("status")).toList())
                .containsExactly("PAID", "DISPATCHED", "DELIVERED"));
        assertThat(updates.errors()).isEmpty();
        updates.close();

        await().atMost(AmqpEvents.timeout()).untilAsserted(() -> assertThat(orderEvents.typesAbout(orderId)).containsExactly(
                "dispatch.order.placed", "dispatch.order.paid", "dispatch.order.dispatched", "dispatch.order.delivered"));

        List<JsonObject> delivery = deliveryEvents.about(orderId);
        List<String> types = delivery.stream().map(e -> e.getString("type")).toList();
        assertThat(types).last().isEqualTo("dispatch.delivery.completed");
        assertThat(types).filteredOn("dispatch.delivery.completed"::equals).hasSize(1);
        List<Double> distances = delivery.stream().filter(e -> e.getString("type").equals("dispatch.delivery.progress"))
                .map(e -> e.getJsonObject("data").getDouble("distanceMeters")).toList();
        assertThat(distances).as("progress on the way").hasSizeGreaterThanOrEqualTo(2);
        assertThat(distances.get(distances.size() - 1)).isLessThan(distances.get(0));
        JsonObject completed = delivery.get(delivery.size() - 1).getJsonObject("data");
        assertThat(completed.getString("deviceId")).isEqualTo(device);
        assertThat(completed.getString("customerId")).isEqualTo("alice");

        // One temperature alert for the whole warm episode, not one per reading.
        await().atMost(AmqpEvents.timeout()).untilAsserted(() -> assertThat(deviceAlerts.typesAbout(device))
                .contains("dispatch.device.alert.temperature"));
        assertThat(deviceAlerts.typesAbout(device)).filteredOn("dispatch.device.alert.temperature"::equals).hasSize(1);

        // The customer's whole screen in one GraphQL request: order, payment (payment-service), delivery (iot-ingest).
        JsonObject screen = new JsonObject(given().auth().oauth2(alice).contentType(ContentType.JSON)
                .body(Map.of("query", """
                        query Screen($id: ID!) { order(id: $id) { id status
                          payment { status amount { amountMinor currency } }
                          delivery { device { id status battery } lastPosition { latitude longitude distanceMeters }
                                     telemetry(last: 3) { deviceTime cargoTemperatureC } } } }""",
                        "variables", Map.of("id", orderId)))
                .post(gateway + "/graphql")
                .then().statusCode(200).extract().asString());
        assertThat(screen.getJsonArray("errors")).as(screen.encode()).isNull();
        JsonObject order = screen.getJsonObject("data").getJsonObject("order");
        assertThat(order.getString("status")).isEqualTo("DELIVERED");
        assertThat(order.getJsonObject("payment").getString("status")).isEqualTo("AUTHORIZED");
        assertThat(order.getJsonObject("payment").getJsonObject("amount").getLong("amountMinor")).isEqualTo(650L);
        JsonObject deliveryView = order.getJsonObject("delivery");
        assertThat(deliveryView.getJsonObject("device").getString("id")).isEqualTo(device);
        assertThat(deliveryView.getJsonObject("lastPosition").getDouble("distanceMeters")).isLessThan(100.0);
        assertThat(deliveryView.getJsonArray("telemetry")).hasSize(3);

        // The stored history, newest first, through the REST API for operators.
        List<Instant> times = given().auth().oauth2(operator).queryParam("limit", 3)
                .get(gateway + "/api/devices/" + device + "/telemetry")
                .then().statusCode(200).extract().jsonPath().<String>getList("items.deviceTime")
                .stream().map(Instant::parse).toList();
        assertThat(times).hasSize(3).isSortedAccordingTo(Comparator.reverseOrder());
    }

    @Test
    void aDeviceThatDiesGoesOfflineByItsLastWill() throws Exception {
        Process simulator = system.startSimulator("courier-dying", "--devices", "1", "--id-prefix", "sys-dying-",
                "--report-interval", "1");
        String device = "sys-dying-1";
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> device(device).body("status", equalTo("ONLINE")));

        simulator.destroyForcibly(); // no DISCONNECT: the broker publishes the will

        await("offline by last will").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> device(device).body("status", equalTo("OFFLINE")));
    }

    private String place(String token, double maxCargoTemperatureC) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of(
                        "items", new Object[] {Map.of("sku", "ICE-CREAM", "name", "Ice cream", "quantity", 1, "unitPriceMinor", 650)},
                        "currency", "EUR",
                        "deliveryAddress", Map.of("street", "Unter den Linden 1", "city", "Berlin", "postalCode", "10117",
                                "country", "DE", "latitude", DESTINATION_LAT, "longitude", DESTINATION_LON),
                        "maxCargoTemperatureC", maxCargoTemperatureC,
                        "paymentToken", "tok_approve"))
                .post(gateway + "/api/orders")
                .then().statusCode(201).body("status", equalTo("PAID"))
                .extract().path("id");
    }

    private ValidatableResponse order(String token, String id) {
        return given().auth().oauth2(token).get(gateway + "/api/orders/" + id).then().statusCode(200);
    }

    private ValidatableResponse device(String id) {
        return given().auth().oauth2(operator).get(gateway + "/api/devices/" + id).then().statusCode(200);
    }
}
