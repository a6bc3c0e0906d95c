package dev.dispatch.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * REST + WebSocket and REST + SSE across real processes: an order placed over REST at the gateway reaches
 * the same customer's WebSocket on one notification-service instance and SSE stream on another (two
 * instances run), and never another customer's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationsSystemIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private DispatchSystem system;
    private String gateway;
    private ServiceProcess first;
    private ServiceProcess second;
    private String alice;
    private String bob;

    @BeforeAll
    void startSystem() throws Exception {
        system = new DispatchSystem("notifications").startBroker();
        system.start("payment-service", "payments", Map.of());
        system.start("order-service", "orders", Map.of("payments", "payment-service"));
        gateway = system.start("gateway", null, Map.of("orders", "order-service")).baseUrl();
        first = system.startInstance("notification-service", "notification-service-1", "notifications", Map.of());
        second = system.startInstance("notification-service", "notification-service-2", "notifications", Map.of());
        alice = system.token("customer", "alice");
        bob = system.token("customer", "bob");
    }

    @AfterAll
    void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aPaidOrderReachesTheCustomersWebSocketAndSseOnDifferentInstances() throws Exception {
        List<String> aliceOnWebSocket = new CopyOnWriteArrayList<>();
        List<String> bobOnWebSocket = new CopyOnWriteArrayList<>();
        List<String> aliceOnSse = new CopyOnWriteArrayList<>();
        WebSocket aliceSocket = openWebSocket(first, alice, aliceOnWebSocket);
        WebSocket bobSocket = openWebSocket(second, bob, bobOnWebSocket);
        CompletableFuture<HttpResponse<Stream<String>>> sse = HTTP.sendAsync(HttpRequest.newBuilder(
                        URI.create(second.baseUrl() + "/api/notifications/stream"))
                .header("Authorization", "Bearer " + alice).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
        sse.thenAccept(response -> response.body().forEach(aliceOnSse::add));
        await().atMost(Duration.ofSeconds(30)).until(() -> aliceOnSse.contains(":connected")
                && aliceOnWebSocket.stream().anyMatch(m -> m.contains("\"welcome\"")));

        String orderId = placeOrder(alice);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(notificationTypes(aliceOnWebSocket, orderId)).contains("dispatch.order.paid");
            assertThat(aliceOnSse).contains("event:dispatch.order.paid");
            assertThat(aliceOnSse.stream().filter(line -> line.startsWith("data:")))
                    .anyMatch(line -> line.contains(orderId) && line.contains("dispatch.order.paid"));
        });
        assertThat(bobOnWebSocket).noneMatch(message -> message.contains(orderId));

        aliceSocket.abort();
        bobSocket.abort();
        sse.cancel(true);
    }

    private String placeOrder(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of(
                        "items", new Object[] {Map.of("sku", "COOLER-01", "name", "Cooler", "quantity", 1, "unitPriceMinor", 990)},
                        "currency", "EUR",
                        "deliveryAddress", Map.of("street", "Main St 1", "city", "Berlin", "postalCode", "10115", "country", "DE",
                                "latitude", 52.52, "longitude", 13.405),
                        "paymentToken", "tok_approve"))
                .post(gateway + "/api/orders")
                .then().statusCode(201)
                .extract().path("id");
    }

    private static List<String> notificationTypes(List<String> messages, String orderId) {
        return messages.stream().map(JsonPath::from)
                .filter(m -> "notification".equals(m.getString("type")) && orderId.equals(m.getString("notification.orderId")))
                .map(m -> m.getString("notification.type"))
                .toList();
    }

    private static WebSocket openWebSocket(ServiceProcess instance, String token, List<String> received) throws Exception {
        URI uri = URI.create("ws://127.0.0.1:" + instance.port() + "/ws/notifications?access_token=" + token);
        return HTTP.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    received.add(partial.toString());
                    partial.setLength(0);
                }
                socket.request(1);
                return null;
            }
        }).get();
    }
}
