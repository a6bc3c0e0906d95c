package dev.dispatch.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.dispatch.system.PacedOrders.Customer;
import dev.dispatch.system.PacedOrders.Placement;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;

/**
 * Two of everything: two gateways, order-services, payment-services, notification-services and iot-ingests on one
 * broker and one PostgreSQL, each gRPC client spreading its calls over both instances of the service it calls, the
 * two iot-ingests sharing the devices' MQTT subscription. Orders placed through both gateways reach both
 * order-services (counted from each one's metrics) and both payment-services; one order-service and one iot-ingest
 * are killed (kill -9) half-way and not started again, and still every order is placed once, paid once and shown
 * once, every reading is stored once and every battery episode alerted once. Figures go to the log ("[scale]").
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScaleOutSystemIT {

    private static final int CUSTOMERS = 8;
    private static final int RATE = 4; // orders a second through each gateway
    private static final int ORDERS_EACH = 80; // per gateway: 20 s at RATE
    private static final int DEVICES = 8;
    private static final int READINGS = 40; // per device, in two halves around the kill
    private static final Duration KEY_BOUND = Duration.ofSeconds(60);
    private static final String PLACED = "dispatch.order.placed";
    private static final String PAID = "dispatch.order.paid";

    private final HttpClient http = HttpClient.newHttpClient();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final List<String> summary = new ArrayList<>();
    private DispatchSystem system;
    private DurableAmqpEvents orderEvents;
    private DurableAmqpEvents alerts;
    private final List<Customer> customers = new ArrayList<>();
    private final Map<String, NotificationStream> streams = new LinkedHashMap<>();

    @BeforeAll
    void startTwoOfEverything() throws Exception {
        system = new DispatchSystem("scale-out").startBroker();
        orderEvents = new DurableAmqpEvents(system, "order-events");
        alerts = new DurableAmqpEvents(system, "device-alerts");
        // The called services first: a client is given the instances started before it.
        for (String instance : List.of("payment-service", "payment-service-2")) {
            system.startInstance("payment-service", instance, "payments", Map.of());
        }
        for (String instance : List.of("order-service", "order-service-2")) {
            system.startInstance("order-service", instance, "orders", Map.of("payments", "payment-service"));
        }
        for (String instance : List.of("iot-ingest", "iot-ingest-2")) {
            system.startInstance("iot-ingest", instance, "iot", Map.of());
        }
        for (String instance : List.of("notification-service", "notification-service-2")) {
            system.startInstance("notification-service", instance, "notifications", Map.of());
        }
        for (String instance : List.of("gateway", "gateway-2")) {
            system.startInstance("gateway", instance, null, Map.of("orders", "order-service", "payments", "payment-service",
                    "devices", "iot-ingest", "sensors", "iot-ingest"));
        }
        for (int i = 1; i <= CUSTOMERS; i++) {
            String id = "scale-" + run + "-" + i;
            Customer customer = new Customer(id, system.token("customer", id));
            customers.add(customer);
            // Half of the customers watch through each notification-service.
            streams.put(id, new NotificationStream(system.service(i % 2 == 0 ? "notification-service-2" : "notification-service"),
                    customer.token(), 0));
        }
    }

    @AfterAll
    void stopEverything() throws Exception {
        for (NotificationStream stream : streams.values()) {
            stream.close();
        }
        if (orderEvents != null) {
            orderEvents.close();
        }
        if (alerts != null) {
            alerts.close();
        }
        if (system != null) {
            system.close();
        }
        summary.forEach(line -> System.out.println("[scale] " + line));
    }

    @Test
    void ordersSpreadOverBothInstancesAndNothingIsLostWhenOneIsKilled() throws Exception {
        List<Customer> first = customers.subList(0, CUSTOMERS / 2);
        List<Customer> second = customers.subList(CUSTOMERS / 2, CUSTOMERS);
        Map<String, Double> placedBefore;
        try (PacedOrders one = new PacedOrders(system.service("gateway").baseUrl(), first, KEY_BOUND);
                PacedOrders two = new PacedOrders(system.service("gateway-2").baseUrl(), second, KEY_BOUND)) {
            one.start(RATE, ORDERS_EACH);
            two.start(RATE, ORDERS_EACH);
            // Half-way: both order-services have placed orders; then one of them dies for good.
            await("orders through both gateways, placed by both order-services").atMost(Duration.ofSeconds(60))
                    .until(() -> placed(one) + placed(two) >= ORDERS_EACH
                            && grpcCalls("order-service", "PlaceOrder") > 0 && grpcCalls("order-service-2", "PlaceOrder") > 0);
            placedBefore = Map.of("order-service", grpcCalls("order-service", "PlaceOrder"),
                    "order-service-2", grpcCalls("order-service-2", "PlaceOrder"));
            system.service("order-service-2").kill();
            await("every order placed").atMost(Duration.ofSeconds(90))
                    .until(() -> one.placements().size() + two.placements().size() >= 2 * ORDERS_EACH
                            && one.placements().stream().allMatch(Placement::done) && two.placements().stream().allMatch(Placement::done));
            List<Placement> placements = new ArrayList<>(one.placements());
            placements.addAll(two.placements());
            Map<String, Long> answers = new java.util.TreeMap<>(one.answers());
            two.answers().forEach((status, count) -> answers.merge(status, count, Long::sum));
            summary.add("orders: " + placements.size() + " keys through two gateways, answers " + answers);

            assertThat(placements.stream().filter(p -> p.order == null).map(p -> p.key + ": " + p.answers))
                    .as("keys that never got 201").isEmpty();
            Map<String, Customer> orders = new LinkedHashMap<>();
            placements.forEach(p -> assertThat(orders.put(p.orderId(), p.customer)).as("order %s of two keys", p.orderId()).isNull());

            double afterKill = grpcCalls("order-service", "PlaceOrder") - placedBefore.get("order-service");
            summary.add("PlaceOrder calls before the kill: " + placedBefore + "; order-service alone after it: " + afterKill);
            assertThat(afterKill).as("the surviving order-service took the placements after the kill").isPositive();

            everyOrderPaidOnceByEitherPaymentService(orders);
            everyOrderEventOnce(orders);
            everyNotificationShownOnce(orders);
        }
    }

    @Test
    void readingsSpreadOverBothIngestsAreStoredOnceAndAlertedOnce() throws Exception {
        List<String> devices = new ArrayList<>();
        for (int i = 1; i <= DEVICES; i++) {
            devices.add("scale-" + run + "-d" + i);
        }
        Instant start = Instant.now().minusSeconds(READINGS + 60);
        try (MqttPublisher mqtt = new MqttPublisher(system)) {
            for (String device : devices) {
                mqtt.publish("devices/" + device + "/status", "{\"status\":\"online\"}");
            }
            // Registered by whichever iot-ingest took its status; both answer for it (through either gateway).
            String operator = system.token("operator", "olga");
            await("every device registered, seen by both iot-ingests").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (String device : devices) {
                    for (String gateway : List.of("gateway", "gateway-2")) {
                        given().auth().oauth2(operator).get(system.service(gateway).baseUrl() + "/api/devices/" + device)
                                .then().statusCode(200);
                    }
                }
            });
            // Low battery throughout: one alert per device for the whole episode, whichever replica reads which reading.
            publishReadings(mqtt, devices, start, 0, READINGS / 2);
            await("both iot-ingests stored readings").atMost(Duration.ofSeconds(60))
                    .until(() -> telemetryStored("iot-ingest") > 0 && telemetryStored("iot-ingest-2") > 0);
            summary.add("readings stored before the kill: iot-ingest " + telemetryStored("iot-ingest") + ", iot-ingest-2 "
                    + telemetryStored("iot-ingest-2"));
            system.service("iot-ingest-2").kill();
            publishReadings(mqtt, devices, start, READINGS / 2, READINGS);
            int published = DEVICES * READINGS;
            await("every reading acknowledged by the broker").atMost(Duration.ofSeconds(60))
                    .until(() -> mqtt.acknowledged() >= published + DEVICES);
        }

        Map<String, Integer> stored = new HashMap<>();
        await("every reading stored").atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            stored.clear();
            stored.putAll(telemetryRows(devices));
            assertThat(stored.values().stream().mapToInt(Integer::intValue).sum()).as("rows of %s", stored).isEqualTo(DEVICES * READINGS);
        });
        assertThat(stored).as("readings stored per device, each once").allSatisfy((device, rows) -> assertThat(rows).isEqualTo(READINGS));
        summary.add("readings: " + DEVICES * READINGS + " published, " + DEVICES * READINGS + " stored, each once");

        Map<String, List<String>> alerted = new HashMap<>();
        await("a battery alert for every device").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            alerted.clear();
            alerted.putAll(batteryAlerts(devices));
            assertThat(alerted.keySet()).containsExactlyInAnyOrderElementsOf(devices);
        });
        assertThat(outboxAlerts(devices)).as("battery alerts written per device (one episode each)")
                .allSatisfy((device, count) -> assertThat(count).isEqualTo(1)).hasSize(DEVICES);
        alerted.forEach((device, ids) -> assertThat(new HashSet<>(ids)).as("battery alerts of %s on the broker", device).hasSize(1));
        summary.add("battery alerts: one per device (" + DEVICES + "), whichever replica read the first low reading");
    }

    private static void publishReadings(MqttPublisher mqtt, List<String> devices, Instant start, int from, int to) throws Exception {
        for (int r = from; r < to; r++) {
            for (String device : devices) {
                mqtt.publish("devices/" + device + "/telemetry", new JsonObject().put("deviceId", device)
                        .put("deviceTime", start.plusSeconds(r).toString()).put("latitude", 52.52).put("longitude", 13.405)
                        .put("cargoTemperatureC", 4.0).put("batteryPercent", 9.0).encode());
            }
        }
    }

    private static long placed(PacedOrders orders) {
        return orders.placements().stream().filter(p -> p.order != null).count();
    }

    /** Every order PAID, with exactly one AUTHORIZED payment, and both payment-services took some. */
    private void everyOrderPaidOnceByEitherPaymentService(Map<String, Customer> orders) throws Exception {
        await("every order PAID").atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            Map<String, String> statuses = new HashMap<>();
            for (Customer customer : customers) {
                ordersOf(customer).forEach(o -> statuses.put((String) o.get("id"), (String) o.get("status")));
            }
            assertThat(statuses.keySet()).containsExactlyInAnyOrderElementsOf(orders.keySet());
            assertThat(statuses).allSatisfy((id, status) -> assertThat(status).as("order %s", id).isEqualTo("PAID"));
        });
        Map<String, List<String>> payments = new HashMap<>();
        try (Connection db = system.database("payments");
                ResultSet rows = db.createStatement().executeQuery("SELECT order_id, status FROM payment")) {
            while (rows.next()) {
                payments.computeIfAbsent(rows.getString(1), id -> new ArrayList<>()).add(rows.getString(2));
            }
        }
        assertThat(payments.keySet()).containsExactlyInAnyOrderElementsOf(orders.keySet());
        assertThat(payments).allSatisfy((order, rows) -> assertThat(rows).as("payments of %s", order).containsExactly("AUTHORIZED"));
        double one = grpcCalls("payment-service", "Authorize");
        double two = grpcCalls("payment-service-2", "Authorize");
        summary.add("payments: " + payments.size() + ", one each; Authorize calls per payment-service: " + one + " / " + two);
        assertThat(one).as("payment-service's share").isPositive();
        assertThat(two).as("payment-service-2's share").isPositive();
    }

    private void everyOrderEventOnce(Map<String, Customer> orders) {
        await("every order's placed and paid event on the broker").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Map<String, Set<String>> types = new HashMap<>();
            orderEvents.received().forEach(e -> types.computeIfAbsent(e.getString("subject"), s -> new HashSet<>()).add(e.getString("type")));
            assertThat(orders.keySet()).allSatisfy(order -> assertThat(types.get(order)).as("events of %s", order)
                    .containsExactlyInAnyOrder(PLACED, PAID));
        });
        Map<String, Set<String>> ids = new HashMap<>();
        orderEvents.received().forEach(e -> ids.computeIfAbsent(e.getString("subject") + " " + e.getString("type"), k -> new HashSet<>())
                .add(e.getString("id")));
        assertThat(ids).as("one event id per order and type").allSatisfy((key, eventIds) -> assertThat(eventIds).hasSize(1));
    }

    /** Each customer's stream, on either notification-service, shows each order's placed and paid exactly once. */
    private void everyNotificationShownOnce(Map<String, Customer> orders) {
        int shown = 0;
        for (Customer customer : customers) {
            NotificationStream stream = streams.get(customer.id());
            Set<String> expected = orders.entrySet().stream().filter(e -> e.getValue().equals(customer))
                    .flatMap(e -> List.of(e.getKey() + " " + PLACED, e.getKey() + " " + PAID).stream()).collect(Collectors.toSet());
            await(customer.id() + "'s notifications").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(stream.received().stream().map(n -> n.orderId() + " " + n.type()).collect(Collectors.toSet()))
                            .containsAll(expected));
            List<NotificationStream.Received> received = stream.received();
            assertThat(duplicates(received, NotificationStream.Received::eventId)).as("%s: events shown twice", customer.id()).isEmpty();
            assertThat(received).extracting(n -> n.orderId() + " " + n.type()).containsExactlyInAnyOrderElementsOf(expected);
            shown += received.size();
        }
        summary.add("notifications: " + shown + " shown over SSE through both notification-services, each once");
    }

    private List<Map<String, Object>> ordersOf(Customer customer) {
        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 20; page++) {
            var request = given().auth().oauth2(customer.token()).queryParam("limit", 100);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath answer = request.get(system.service("gateway-2").baseUrl() + "/api/orders").then().statusCode(200).extract().jsonPath();
            all.addAll(answer.getList("items"));
            cursor = answer.getString("nextCursor");
            if (cursor == null) {
                return all;
            }
        }
        throw new IllegalStateException(customer.id() + " has more than 20 pages of orders");
    }

    /** How often this instance served a gRPC method, from its own Prometheus metrics (Quarkus' gRPC server metrics). */
    private double grpcCalls(String instance, String method) throws Exception {
        return metric(instance, "grpc_server_processing_duration_seconds_count", "method=\"" + method + "\"");
    }

    private double telemetryStored(String instance) throws Exception {
        return metric(instance, "dispatch_ingest_telemetry_stored_total", "");
    }

    private double metric(String instance, String name, String label) throws Exception {
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(system.service(instance).baseUrl() + "/q/metrics"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        return metrics.body().lines().filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> line.contains(label)).mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private Map<String, Integer> telemetryRows(List<String> devices) throws Exception {
        Map<String, Integer> rows = new HashMap<>();
        try (Connection db = system.database("iot");
                PreparedStatement query = db.prepareStatement("SELECT device_id, count(*) FROM telemetry WHERE device_id = ANY(?) GROUP BY 1")) {
            query.setArray(1, db.createArrayOf("text", devices.toArray()));
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.put(result.getString(1), result.getInt(2));
                }
            }
        }
        return rows;
    }

    /** device-alerts rows iot-ingest wrote (its outbox), battery alerts per device. */
    private Map<String, Integer> outboxAlerts(List<String> devices) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection db = system.database("iot");
                PreparedStatement query = db.prepareStatement("SELECT aggregate_id, count(*) FROM outbox_event"
                        + " WHERE address = 'device-alerts' AND type = 'dispatch.device.alert.battery' AND aggregate_id = ANY(?) GROUP BY 1")) {
            query.setArray(1, db.createArrayOf("text", devices.toArray()));
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    counts.put(result.getString(1), result.getInt(2));
                }
            }
        }
        return counts;
    }

    /** Battery alerts the broker carried on device-alerts, their event ids per device. */
    private Map<String, List<String>> batteryAlerts(List<String> devices) {
        return alerts.received().stream().filter(e -> "dispatch.device.alert.battery".equals(e.getString("type")))
                .filter(e -> devices.contains(e.getString("subject")))
                .collect(Collectors.groupingBy(e -> e.getString("subject"), Collectors.mapping(e -> e.getString("id"), Collectors.toList())));
    }

    private static <T> Set<Object> duplicates(List<T> items, Function<T, Object> key) {
        Set<Object> seen = new HashSet<>();
        return items.stream().map(key).filter(k -> !seen.add(k)).collect(Collectors.toSet());
    }
}
