package dev.dispatch.gateway;

import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.dispatch.gateway.support.Api;
import dev.dispatch.gateway.support.GraphQL;
import dev.dispatch.gateway.support.OrderBodies;
import dev.dispatch.testsupport.jwt.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With nothing listening where order-service, iot-ingest and notification-service's chat should be, every call is a prompt 503, never a hang. */
@QuarkusTest
@TestProfile(BackendsDownTest.NothingListening.class)
class BackendsDownTest {

    public static class NothingListening implements QuarkusTestProfile {

        // The instance lists would otherwise name the test app itself, where the fakes are.
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("%test.dispatch.grpc.order-service", "127.0.0.1:" + closedPort(),
                    "%test.dispatch.grpc.iot-ingest", "127.0.0.1:" + closedPort(),
                    "%test.dispatch.grpc.notification-service", "127.0.0.1:" + closedPort());
        }

        private static int closedPort() {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void readsAndWritesAre503WithRetryAfter() {
        Api.customer("alice").when().get("/api/orders/{id}", UUID.randomUUID())
                .then().statusCode(503).header("Retry-After", "2").body("type", is("/problems/unavailable"));
        Api.customer("alice").when().get("/api/orders")
                .then().statusCode(503).header("Retry-After", "2").body("type", is("/problems/unavailable"));
        Api.customer("alice").body(OrderBodies.order("tok_approve")).when().post("/api/orders")
                .then().statusCode(503).header("Retry-After", "2").body("type", is("/problems/unavailable"));
        Api.customer("alice").body(Map.of()).when().post("/api/orders/{id}/cancel", UUID.randomUUID())
                .then().statusCode(503).body("type", is("/problems/unavailable"));
        Api.operator("olga").body(Map.of("deviceId", "courier-7")).when().post("/api/orders/{id}/dispatch", UUID.randomUUID())
                .then().statusCode(503).body("type", is("/problems/unavailable"));
    }

    @Test
    void deviceReadsAndCommandsAre503WithRetryAfter() {
        Api.operator("olga").when().get("/api/devices")
                .then().statusCode(503).header("Retry-After", "2").body("type", is("/problems/unavailable"))
                .body("detail", is("The device service is unavailable; try again shortly"));
        Api.operator("olga").when().get("/api/devices/{id}", "courier-7")
                .then().statusCode(503).header("Retry-After", "2").body("type", is("/problems/unavailable"));
        Api.operator("olga").when().get("/api/devices/{id}/telemetry", "courier-7")
                .then().statusCode(503).header("Retry-After", "2").body("type", is("/problems/unavailable"));
        Api.operator("olga").body(Map.of("type", "PING")).when().post("/api/devices/{id}/commands", "courier-7")
                .then().statusCode(503).header("Retry-After", "2").body("type", is("/problems/unavailable"));
    }

    @Test
    void chatIs503WithRetryAfterOverRestAndUnavailableOverGraphQL() {
        Api.customer("alice").when().post("/api/chat/session")
                .then().statusCode(503).header("Retry-After", "2").contentType("application/problem+json")
                .body("type", is("/problems/unavailable"))
                .body("detail", is("The chat service is unavailable; try again shortly"));
        Api.customer("alice").when().get("/api/chat/rooms")
                .then().statusCode(503).header("Retry-After", "2").body("type", is("/problems/unavailable"));
        GraphQL.as(Tokens.customer("alice"), "mutation { openChatSession { jid } }")
                .then().statusCode(200)
                .body("errors[0].extensions.code", is("UNAVAILABLE"));
    }
}
