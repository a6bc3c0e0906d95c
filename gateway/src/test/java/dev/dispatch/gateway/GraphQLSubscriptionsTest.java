package dev.dispatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.dispatch.gateway.support.Api;
import dev.dispatch.gateway.support.FakeDeviceService;
import dev.dispatch.gateway.support.FakeOrderService;
import dev.dispatch.gateway.support.GraphQLWsClient;
import dev.dispatch.gateway.support.Orders;
import dev.dispatch.testsupport.jwt.Tokens;
import io.quarkus.grpc.GrpcService;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** Subscriptions over a real graphql-transport-ws connection: live updates caused by a REST call and by a device. */
@QuarkusTest
@SuppressWarnings("unchecked")
class GraphQLSubscriptionsTest {

    private static final String ORDER_UPDATED = "subscription($id: ID!) { orderUpdated(orderId: $id) { eventType order { id status deviceId } } }";
    private static final String TELEMETRY = "subscription($id: ID!) { deviceTelemetry(deviceId: $id) { latitude cargoTemperatureC batteryPercent } }";

    @TestHTTPResource("/graphql")
    URI graphql;

    @Inject
    Vertx vertx;

    @Inject
    @GrpcService
    FakeDeviceService devices;

    @Inject
    @GrpcService
    FakeOrderService orders;

    @Test
    void aCustomerSeesTheOrderNowThenItsDispatchCausedByARestCall() throws Exception {
        String customer = "live-" + UUID.randomUUID();
        String id = Orders.paid(customer);
        // A browser's way: the token in connection_init's payload.
        try (GraphQLWsClient ws = GraphQLWsClient.open(vertx, graphql, Map.of(),
                new JsonObject().put("Authorization", "Bearer " + Tokens.customer(customer)))) {
            await().atMost(GraphQLWsClient.patience()).until(ws::acknowledged);
            ws.subscribe("1", ORDER_UPDATED, Map.of("id", id));
            await().atMost(GraphQLWsClient.patience()).until(() -> ws.received("next", "1").size() == 1);
            assertThat(order(ws.received("next", "1").get(0))).containsEntry("status", "PAID");

            Api.operator("olga").body(Map.of("deviceId", "courier-7")).when().post("/api/orders/{id}/dispatch", id).then().statusCode(200);

            await().atMost(GraphQLWsClient.patience()).until(() -> ws.received("next", "1").size() == 2);
            JsonObject update = ws.received("next", "1").get(1).getJsonObject("payload").getJsonObject("data").getJsonObject("orderUpdated");
            assertThat(update.getString("eventType")).isEqualTo("dispatch.order.dispatched");
            assertThat(update.getJsonObject("order").getString("status")).isEqualTo("DISPATCHED");
            assertThat(update.getJsonObject("order").getString("deviceId")).isEqualTo("courier-7");
            assertThat(ws.received("error", null)).isEmpty();
        }
    }

    @Test
    void anOrderSubscriptionGoesOnWhenItsStreamIsCut() throws Exception {
        String customer = "live-cut-" + UUID.randomUUID();
        String id = Orders.paid(customer);
        try (GraphQLWsClient ws = GraphQLWsClient.open(vertx, graphql, Map.of("Authorization", "Bearer " + Tokens.customer(customer)), null)) {
            await().atMost(GraphQLWsClient.patience()).until(ws::acknowledged);
            ws.subscribe("1", ORDER_UPDATED, Map.of("id", id));
            await().atMost(GraphQLWsClient.patience()).until(() -> ws.received("next", "1").size() == 1);

            // The connection under the stream closes (connection age, instance gone): the gateway opens it again,
            // and WatchOrder starts with the current state, which the subscriber sees a second time.
            orders.cutWatches(id);
            await().atMost(GraphQLWsClient.patience()).until(() -> orders.calls("watch", id) == 2 && ws.received("next", "1").size() == 2);
            assertThat(order(ws.received("next", "1").get(1))).containsEntry("status", "PAID");

            Api.operator("olga").body(Map.of("deviceId", "courier-7")).when().post("/api/orders/{id}/dispatch", id).then().statusCode(200);

            await().atMost(GraphQLWsClient.patience()).until(() -> ws.received("next", "1").size() == 3);
            assertThat(order(ws.received("next", "1").get(2))).containsEntry("status", "DISPATCHED");
            assertThat(codes(ws, "1")).isEmpty();
            assertThat(ws.received("complete", "1")).isEmpty();
        }
    }

    @Test
    void anOrderSubscriptionEndsUnavailableWhenEveryOpenFails() throws Exception {
        int before = orders.calls("watch", FakeOrderService.UNAVAILABLE_ID);
        try (GraphQLWsClient ws = GraphQLWsClient.open(vertx, graphql, Map.of("Authorization", "Bearer " + Tokens.operator("olga")), null)) {
            await().atMost(GraphQLWsClient.patience()).until(ws::acknowledged);
            ws.subscribe("1", ORDER_UPDATED, Map.of("id", FakeOrderService.UNAVAILABLE_ID));
            await().atMost(GraphQLWsClient.patience()).until(() -> !codes(ws, "1").isEmpty());
            assertThat(codes(ws, "1")).containsExactly("UNAVAILABLE");
            // Three opens in a row failed (the first and two more), then the subscriber was told.
            assertThat(orders.calls("watch", FakeOrderService.UNAVAILABLE_ID) - before).isEqualTo(3);
            assertThat(data(ws, "1")).isEmpty();
        }
    }

    @Test
    void anUnknownOrderEndsTheSubscriptionAtOnce() throws Exception {
        String id = UUID.randomUUID().toString();
        try (GraphQLWsClient ws = GraphQLWsClient.open(vertx, graphql, Map.of("Authorization", "Bearer " + Tokens.operator("olga")), null)) {
            await().atMost(GraphQLWsClient.patience()).until(ws::acknowledged);
            ws.subscribe("1", ORDER_UPDATED, Map.of("id", id));
            await().atMost(GraphQLWsClient.patience()).until(() -> !codes(ws, "1").isEmpty());
            assertThat(codes(ws, "1")).containsExactly("NOT_FOUND");
            assertThat(orders.calls("watch", id)).isEqualTo(1);
        }
    }

    @Test
    void anOperatorSeesReadingsAsTheDeviceSendsThem() throws Exception {
        String device = "live-dev-" + UUID.randomUUID();
        devices.register(device);
        // A server's way: the Authorization header on the upgrade.
        try (GraphQLWsClient ws = GraphQLWsClient.open(vertx, graphql, Map.of("Authorization", "Bearer " + Tokens.operator("olga")), null)) {
            await().atMost(GraphQLWsClient.patience()).until(ws::acknowledged);
            ws.subscribe("t", TELEMETRY, Map.of("id", device));
            // The subscription is live once iot-ingest was asked to watch; only readings after that are streamed.
            await().atMost(GraphQLWsClient.patience()).until(() -> devices.calls("watch", device) == 1);
            await().atMost(GraphQLWsClient.patience()).untilAsserted(() -> {
                devices.report(device, 52.52, 13.41, 6.5, 71);
                assertThat(ws.received("next", "t")).isNotEmpty();
            });
            JsonObject reading = ws.received("next", "t").get(0).getJsonObject("payload").getJsonObject("data").getJsonObject("deviceTelemetry");
            assertThat(reading.getDouble("cargoTemperatureC")).isEqualTo(6.5);
            assertThat(reading.getDouble("batteryPercent")).isEqualTo(71.0);
            ws.ping();
            await().atMost(GraphQLWsClient.patience()).until(() -> !ws.received("pong", null).isEmpty());
        }
    }

    @Test
    void aTokenInTheQueryStringIsAcceptedForBrowsers() throws Exception {
        String customer = "live-q-" + UUID.randomUUID();
        String id = Orders.paid(customer);
        URI withToken = URI.create(graphql + "?access_token=" + Tokens.customer(customer));
        try (GraphQLWsClient ws = GraphQLWsClient.open(vertx, withToken, Map.of(), null)) {
            await().atMost(GraphQLWsClient.patience()).until(ws::acknowledged);
            ws.subscribe("1", ORDER_UPDATED, Map.of("id", id));
            await().atMost(GraphQLWsClient.patience()).until(() -> ws.received("next", "1").size() == 1);
        }
    }

    @Test
    void subscriptionsNeedAToken() throws Exception {
        String id = Orders.paid("alice");
        try (GraphQLWsClient ws = GraphQLWsClient.open(vertx, graphql, Map.of(), null)) {
            await().atMost(GraphQLWsClient.patience()).until(ws::acknowledged);
            ws.subscribe("1", ORDER_UPDATED, Map.of("id", id));
            await().atMost(GraphQLWsClient.patience()).until(() -> !codes(ws, "1").isEmpty());
            assertThat(codes(ws, "1")).containsExactly("UNAUTHENTICATED");
            assertThat(data(ws, "1")).isEmpty();
        }
    }

    @Test
    void aCustomerCannotWatchAnotherCustomersOrderOrAnyDevice() throws Exception {
        String id = Orders.paid("alice");
        try (GraphQLWsClient ws = GraphQLWsClient.open(vertx, graphql, Map.of("Authorization", "Bearer " + Tokens.customer("mallory")), null)) {
            await().atMost(GraphQLWsClient.patience()).until(ws::acknowledged);
            ws.subscribe("1", ORDER_UPDATED, Map.of("id", id));
            ws.subscribe("2", TELEMETRY, Map.of("id", FakeDeviceService.COURIER));
            await().atMost(GraphQLWsClient.patience()).until(() -> !codes(ws, "1").isEmpty() && !codes(ws, "2").isEmpty());
            assertThat(codes(ws, "1")).containsExactly("NOT_FOUND");
            assertThat(codes(ws, "2")).containsExactly("NOT_FOUND");
            assertThat(data(ws, "1")).isEmpty();
            assertThat(data(ws, "2")).isEmpty();
        }
    }

    private static Map<String, Object> order(JsonObject next) {
        return next.getJsonObject("payload").getJsonObject("data").getJsonObject("orderUpdated").getJsonObject("order").getMap();
    }

    /** The error codes a subscription got, from "error" messages or from errors in "next" payloads. */
    private static List<String> codes(GraphQLWsClient ws, String id) {
        List<Object> errors = new java.util.ArrayList<>();
        ws.received("error", id).forEach(m -> errors.addAll(m.getJsonArray("payload").getList()));
        ws.received("next", id).forEach(m -> {
            if (m.getJsonObject("payload").getJsonArray("errors") != null) {
                errors.addAll(m.getJsonObject("payload").getJsonArray("errors").getList());
            }
        });
        return errors.stream().map(e -> e instanceof Map<?, ?> map ? new JsonObject((Map<String, Object>) map) : (JsonObject) e)
                .map(e -> e.getJsonObject("extensions") == null ? "none" : e.getJsonObject("extensions").getString("code")).toList();
    }

    /** The data a subscription delivered (non-null "data" of "next" messages). */
    private static List<JsonObject> data(GraphQLWsClient ws, String id) {
        return ws.received("next", id).stream().map(m -> m.getJsonObject("payload").getJsonObject("data"))
                .filter(d -> d != null && d.stream().anyMatch(e -> e.getValue() != null)).toList();
    }
}
