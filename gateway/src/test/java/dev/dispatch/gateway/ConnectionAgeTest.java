package dev.dispatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.dispatch.gateway.support.Api;
import dev.dispatch.gateway.support.FakeOrderService;
import dev.dispatch.gateway.support.GraphQLWsClient;
import dev.dispatch.gateway.support.OrderBodies;
import dev.dispatch.gateway.support.Orders;
import dev.dispatch.platform.grpc.ConnectionAge;
import dev.dispatch.testsupport.jwt.Tokens;
import io.quarkus.grpc.GrpcService;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;

/**
 * The servers' maximum connection age (platform's ConnectionAge), on the test app that serves the fake OrderService:
 * the gateway's connection to it is sent GOAWAY after a second, the client connects again, and no call fails for it;
 * a WatchOrder stream, which outlives the grace and is cut, is opened again under its GraphQL subscription.
 */
@QuarkusTest
@TestProfile(ConnectionAgeTest.ShortLived.class)
class ConnectionAgeTest {

    public static class ShortLived implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dispatch.grpc.server.max-connection-age", "1S",
                    "dispatch.grpc.server.max-connection-age-grace", "1S",
                    "dispatch.grpc.server.keep-alive-time", "500MS");
        }
    }

    @Inject
    ConnectionAge connections;

    @Inject
    @GrpcService
    FakeOrderService orders;

    @Inject
    Vertx vertx;

    @TestHTTPResource("/graphql")
    URI graphql;

    @Test
    void connectionsAreReplacedAfterTheirAgeWithoutFailingACall() {
        // Placing on and on: every placement answered, while the one connection of the gateway's orders client is
        // replaced at least twice.
        await().atMost(Duration.ofSeconds(20)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50)).until(() -> {
            Api.customer("alice").body(OrderBodies.order("tok_approve")).when().post("/api/orders").then().statusCode(201);
            return connections.seen() >= 3;
        });
    }

    @Test
    void aSubscriptionOutlivesTheConnectionsItsStreamIsOn() throws Exception {
        String customer = "aged-" + UUID.randomUUID();
        String id = Orders.paid(customer);
        try (GraphQLWsClient ws = GraphQLWsClient.open(vertx, graphql, Map.of("Authorization", "Bearer " + Tokens.customer(customer)), null)) {
            await().atMost(GraphQLWsClient.patience()).until(ws::acknowledged);
            ws.subscribe("1", "subscription($id: ID!) { orderUpdated(orderId: $id) { order { status } } }", Map.of("id", id));
            // Each connection lives a few seconds (age, then grace): the stream is cut and opened again.
            await().atMost(Duration.ofSeconds(30)).until(() -> orders.calls("watch", id) >= 2);
            Api.operator("olga").body(Map.of("deviceId", "courier-7")).when().post("/api/orders/{id}/dispatch", id).then().statusCode(200);

            await().atMost(GraphQLWsClient.patience()).until(() -> ws.received("next", "1").stream()
                    .anyMatch(m -> m.encode().contains("DISPATCHED")));
            assertThat(ws.received("next", "1")).allSatisfy(m -> assertThat(m.getJsonObject("payload").getJsonArray("errors")).isNull());
            assertThat(ws.received("error", "1")).isEmpty();
        }
    }
}
