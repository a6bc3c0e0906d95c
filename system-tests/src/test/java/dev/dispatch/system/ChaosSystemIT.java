package dev.dispatch.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;

/**
 * The chaos run: orders placed at a steady rate while payment-service, order-service, notification-service, the
 * gateway and the broker are each killed with kill -9 and started again, one at a time. The client retries whatever
 * did not get 201 with the same Idempotency-Key. Afterwards every key has exactly one order, of its customer; every
 * order is PAID, charged once; its placed and paid events were on the broker; and the customer's SSE stream showed
 * each of the order's notifications exactly once. The run's figures go to the test log ("[chaos]" lines).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChaosSystemIT {

    private static final int RATE = 10;
    private static final int CUSTOMERS = 20;
    /**
     * Orders are placed until the last crash is over, 2.5 minutes at most (a restart takes 6-20 s on 2 busy cores):
     * at most 75 orders a customer, whose 150 notifications stay within notification-service's history (200).
     */
    private static final int MAX_ORDERS = 1500;
    private static final Duration WARM_UP = Duration.ofSeconds(5);
    private static final Duration DOWN = Duration.ofSeconds(3);
    private static final Duration BETWEEN = Duration.ofSeconds(3);
    private static final Duration READY = Duration.ofMinutes(2);
    private static final Duration KEY_BOUND = Duration.ofSeconds(60);
    private static final Duration SETTLE = Duration.ofSeconds(90);
    private static final List<String> SERVICES = List.of("payment-service", "order-service", "notification-service", "gateway");
    private static final String PLACED = "dispatch.order.placed";
    private static final String PAID = "dispatch.order.paid";

    private DispatchSystem system;
    private DurableAmqpEvents events;
    private String gateway;
    private final List<Customer> customers = new ArrayList<>();
    private final Map<String, NotificationStream> streams = new LinkedHashMap<>();
    private final List<String> summary = new ArrayList<>();

    @BeforeAll
    void startSystem() throws Exception {
        system = new DispatchSystem("chaos").startBroker();
        events = new DurableAmqpEvents(system, "order-events");
        system.start("payment-service", "payments", Map.of());
        system.start("order-service", "orders", Map.of("payments", "payment-service"));
        system.start("notification-service", "notifications", Map.of());
        gateway = system.start("gateway", null, Map.of("orders", "order-service")).baseUrl();
        // The broker's journal outlives a run (its data folder is kept): customers of this run only.
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 1; i <= CUSTOMERS; i++) {
            String id = "chaos-" + run + "-" + i;
            customers.add(new Customer(id, system.token("customer", id)));
        }
        ServiceProcess notifications = system.service("notification-service");
        customers.forEach(customer -> streams.put(customer.id(), new NotificationStream(notifications, customer.token(), 0)));
    }

    @AfterAll
    void stopSystem() throws Exception {
        streams.values().forEach(NotificationStream::close);
        if (events != null) {
            events.close();
        }
        if (system != null) {
            system.close();
        }
    }

    @Test
    void ordersPlacedWhileEveryPartCrashesArePaidOnceAnnouncedAndShownOnce() throws Exception {
        Instant began = Instant.now();
        try (PacedOrders placing = new PacedOrders(gateway, customers, KEY_BOUND)) {
            placing.start(RATE, MAX_ORDERS);
            List<Chaos.Kill> kills;
            try (Chaos chaos = Chaos.start(targets(), WARM_UP, DOWN, BETWEEN, this::awaitAllReady)) {
                await("the chaos schedule").atMost(Duration.ofMinutes(4)).until(chaos.done()::isDone);
                kills = chaos.done().join();
            } finally {
                placing.stop();
            }
            Instant lastRestart = kills.get(kills.size() - 1).readyAgainAt();
            summary.add("placing: " + placing.placements().size() + " orders in " + seconds(Duration.between(began, Instant.now()))
                    + (placing.placements().size() >= MAX_ORDERS ? " (stopped at the cap before the last crash was over)" : ""));
            summary.add("kills: " + kills.stream().map(k -> k.target() + " (ready again after " + seconds(k.outage()) + ")")
                    .collect(Collectors.joining(", ")));
            await("every Idempotency-Key answered 201 or out of retries").atMost(KEY_BOUND.plusSeconds(15))
                    .until(() -> placing.placements().stream().allMatch(Placement::done));
            List<Placement> placements = placing.placements();
            summarize(placements, placing.answers());

            Map<String, Customer> orders = everyKeyHasOneOrderOfItsCustomer(placements, placing.answers());
            everyOrderIsPaid(orders, lastRestart);
            noOrderIsChargedTwice(orders);
            Map<String, Map<String, Set<String>>> published = everyOrderEventIsOnTheBroker(orders);
            eachNotificationIsShownOnce(orders, published);
            aRetriedKeyStillGivesItsOrder(placing, placements);
        } finally {
            summary.add("took " + seconds(Duration.between(began, Instant.now())) + "; logs in " + system.logs());
            summary.forEach(line -> System.out.println("[chaos] " + line));
        }
    }

    /**
     * The gateway first, while orders surely flow; the broker fourth, so that notification-service then crashes on
     * broker connections it made again.
     */
    private List<Chaos.Target> targets() {
        List<Chaos.Target> targets = new ArrayList<>();
        for (String name : List.of("gateway", "payment-service", "order-service", "broker", "notification-service")) {
            if (name.equals("broker")) {
                targets.add(new Chaos.Target(name, system::killBroker, system::restartBroker));
            } else {
                ServiceProcess service = system.service(name);
                targets.add(new Chaos.Target(name, service::kill, () -> service.start().awaitReady(READY)));
            }
        }
        return targets;
    }

    private void awaitAllReady() {
        await("every service ready again").atMost(READY).pollInterval(Duration.ofMillis(300))
                .until(() -> SERVICES.stream().allMatch(name -> system.service(name).ready()));
    }

    private void summarize(List<Placement> placements, Map<String, Long> answers) {
        long retried = placements.stream().filter(p -> p.answers.size() > 1).count();
        long behindFailure = placements.stream().filter(p -> p.order != null && p.lastFailure != null
                && Instant.parse(p.order.getString("createdAt")).isBefore(p.lastFailure)).count();
        summary.add("orders placed (Idempotency-Keys): " + placements.size() + ", got 201: "
                + placements.stream().filter(p -> p.order != null).count() + ", retried: " + retried
                + ", of which already created when a failed answer came: " + behindFailure
                + ", out of retries: " + placements.stream().filter(p -> p.gaveUp).count());
        summary.add("answers: " + answers);
    }

    /** Every key got 201; the 201s name distinct orders; each customer's orders are exactly those of their keys. */
    private Map<String, Customer> everyKeyHasOneOrderOfItsCustomer(List<Placement> placements, Map<String, Long> answers) {
        assertThat(placements.stream().filter(p -> p.order == null)
                .map(p -> p.key + " of " + p.customer.id() + ": " + p.answers))
                .as("keys that never got 201 (within %s each)", KEY_BOUND).isEmpty();
        assertThat(answers.keySet()).as("answers of a client error: the same key and body never deserve one")
                .noneMatch(status -> status.startsWith("4"));
        Map<String, Customer> orders = new LinkedHashMap<>();
        for (Placement placement : placements) {
            assertThat(placement.order.getString("customerId")).as("the 201 of key %s", placement.key).isEqualTo(placement.customer.id());
            Customer before = orders.put(placement.orderId(), placement.customer);
            assertThat(before).as("order %s answered for two keys", placement.orderId()).isNull();
        }
        for (Customer customer : customers) {
            Set<String> theirs = orderIdsOf(orders, customer);
            List<Map<String, Object>> listed = ordersOf(customer);
            assertThat(listed).extracting(order -> order.get("customerId")).as("%s's orders", customer.id()).containsOnly(customer.id());
            assertThat(listed).extracting(order -> (String) order.get("id")).as("%s's orders: one per key, each answered 201", customer.id())
                    .containsExactlyInAnyOrderElementsOf(theirs);
        }
        return orders;
    }

    private void everyOrderIsPaid(Map<String, Customer> orders, Instant lastRestart) {
        Map<String, String> statuses = new HashMap<>();
        Instant checking = Instant.now();
        int[] checks = {0};
        await("every order PAID").atMost(SETTLE).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            checks[0]++;
            for (Customer customer : customers) {
                ordersOf(customer).forEach(order -> statuses.put((String) order.get("id"), (String) order.get("status")));
            }
            assertThat(statuses.entrySet().stream().filter(e -> !"PAID".equals(e.getValue())).map(Map.Entry::toString).limit(20))
                    .as("orders not PAID (at most 20 shown) of %s: %s", orders.size(), histogram(statuses.values()))
                    .isEmpty();
        });
        assertThat(statuses.keySet()).containsExactlyInAnyOrderElementsOf(orders.keySet());
        Instant now = Instant.now();
        summary.add("every order PAID " + seconds(Duration.between(lastRestart, now)) + " after the last restart ("
                + (checks[0] == 1 ? "at the first check" : "after " + seconds(Duration.between(checking, now)) + " of checks") + ")");
    }

    /** payment-service's own rows: one AUTHORIZED payment per order, of its customer, and none for any other order. */
    private void noOrderIsChargedTwice(Map<String, Customer> orders) throws Exception {
        Map<String, List<String>> payments = new TreeMap<>();
        try (Connection db = system.database("payments"); Statement query = db.createStatement();
                ResultSet rows = query.executeQuery("SELECT order_id, customer_id, status FROM payment")) {
            while (rows.next()) {
                payments.computeIfAbsent(rows.getString(1), id -> new ArrayList<>()).add(rows.getString(2) + " " + rows.getString(3));
            }
        }
        assertThat(payments.keySet()).as("orders with a payment").containsExactlyInAnyOrderElementsOf(orders.keySet());
        payments.forEach((order, rows) -> assertThat(rows).as("payments of order %s", order)
                .containsExactly(orders.get(order).id() + " AUTHORIZED"));
        summary.add("payments: " + payments.size() + " rows, one AUTHORIZED per order");
    }

    /** The independent subscription saw each order's placed and paid event, each with one CloudEvent id. */
    private Map<String, Map<String, Set<String>>> everyOrderEventIsOnTheBroker(Map<String, Customer> orders) {
        Map<String, Map<String, Set<String>>> ids = new HashMap<>();
        await("every order's placed and paid event on the broker").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            ids.clear();
            for (JsonObject event : events.received()) {
                ids.computeIfAbsent(event.getString("subject"), s -> new HashMap<>())
                        .computeIfAbsent(event.getString("type"), t -> new HashSet<>()).add(event.getString("id"));
            }
            assertThat(orders.keySet().stream().filter(order -> !ids.getOrDefault(order, Map.of()).keySet().containsAll(Set.of(PLACED, PAID)))
                    .limit(20)).as("orders without their placed and paid events (at most 20 shown)").isEmpty();
        });
        assertThat(ids.keySet()).as("orders the broker carried events of").containsExactlyInAnyOrderElementsOf(orders.keySet());
        ids.forEach((order, types) -> assertThat(types).as("events of order %s", order)
                .containsOnlyKeys(PLACED, PAID).allSatisfy((type, eventIds) -> assertThat(eventIds).hasSize(1)));
        List<JsonObject> received = events.received();
        long distinct = received.stream().map(e -> e.getString("id")).distinct().count();
        summary.add("broker: " + received.size() + " events received, " + distinct + " distinct, "
                + (received.size() - distinct) + " delivered again; subscription attached " + events.attachments() + " times");
        return ids;
    }

    /**
     * Each customer's live SSE stream (resumed with Last-Event-ID across notification-service's crash) showed every
     * placed and paid notification of their orders exactly once, with the event id the broker carried; and a replay of
     * their whole history shows the same notifications.
     */
    private void eachNotificationIsShownOnce(Map<String, Customer> orders, Map<String, Map<String, Set<String>>> published) {
        int shown = 0;
        int resumes = 0;
        for (Customer customer : customers) {
            NotificationStream stream = streams.get(customer.id());
            Set<String> expected = orderIdsOf(orders, customer).stream()
                    .flatMap(order -> List.of(order + " " + PLACED, order + " " + PAID).stream()).collect(Collectors.toSet());
            await(customer.id() + "'s notifications").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(stream.received().stream().map(n -> n.orderId() + " " + n.type()).collect(Collectors.toSet()))
                            .containsAll(expected));
            List<NotificationStream.Received> received = stream.received();
            assertThat(duplicates(received, NotificationStream.Received::id)).as("%s: notifications sent twice", customer.id()).isEmpty();
            assertThat(duplicates(received, NotificationStream.Received::eventId)).as("%s: events shown twice", customer.id()).isEmpty();
            assertThat(received).extracting(n -> n.orderId() + " " + n.type()).as("%s's notifications", customer.id())
                    .containsExactlyInAnyOrderElementsOf(expected);
            received.forEach(n -> assertThat(published.get(n.orderId()).get(n.type())).as("the event of notification %s", n)
                    .containsExactly(n.eventId()));
            try (NotificationStream replay = new NotificationStream(system.service("notification-service"), customer.token(), 0)) {
                await(customer.id() + "'s history replayed").atMost(Duration.ofSeconds(30))
                        .until(() -> replay.lastId() >= stream.lastId());
                assertThat(replay.received()).as("%s's whole history", customer.id()).containsExactlyElementsOf(received);
            }
            shown += received.size();
            resumes += stream.connections() - 1;
        }
        summary.add("notifications: " + shown + " shown over SSE to " + customers.size() + " customers, each once; streams resumed "
                + resumes + " times");
    }

    /** A key that saw failures, sent once more, still answers 201 with its one order. */
    private void aRetriedKeyStillGivesItsOrder(PacedOrders placing, List<Placement> placements) throws Exception {
        List<Placement> retried = placements.stream().filter(p -> p.answers.size() > 1).toList();
        for (Placement placement : retried) {
            HttpResponse<String> again = placing.replay(placement);
            assertThat(again.statusCode()).as("key %s sent again: %s", placement.key, again.body()).isEqualTo(201);
            assertThat(new JsonObject(again.body()).getString("id")).as("key %s sent again", placement.key).isEqualTo(placement.orderId());
        }
        summary.add(retried.size() + " retried keys sent once more: each answered 201 with its order");
    }

    private List<Map<String, Object>> ordersOf(Customer customer) {
        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 50; page++) {
            RequestSpecification request = given().auth().oauth2(customer.token()).queryParam("limit", 100);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath answer = request.get(gateway + "/api/orders").then().statusCode(200).extract().jsonPath();
            all.addAll(answer.getList("items"));
            cursor = answer.getString("nextCursor");
            if (cursor == null) {
                return all;
            }
        }
        throw new IllegalStateException(customer.id() + " has more than 50 pages of orders");
    }

    private static Set<String> orderIdsOf(Map<String, Customer> orders, Customer customer) {
        return orders.entrySet().stream().filter(e -> e.getValue().equals(customer)).map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    private static <T> Set<Object> duplicates(List<T> items, Function<T, Object> key) {
        Set<Object> seen = new HashSet<>();
        return items.stream().map(key).filter(k -> !seen.add(k)).collect(Collectors.toSet());
    }

    private static Map<String, Long> histogram(java.util.Collection<String> values) {
        return values.stream().collect(Collectors.groupingBy(v -> v, TreeMap::new, Collectors.counting()));
    }

    private static String seconds(Duration duration) {
        return String.format("%.1f s", duration.toMillis() / 1000.0);
    }
}
