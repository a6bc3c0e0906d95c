package dev.dispatch.gateway;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.dispatch.gateway.support.Api;
import dev.dispatch.gateway.support.OrderBodies;
import dev.dispatch.platform.grpc.ConnectionAge;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The servers' maximum connection age (platform's ConnectionAge), on the test app that serves the fake OrderService:
 * the gateway's connection to it is sent GOAWAY after a second, the client connects again, and no call fails for it.
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

    @Test
    void connectionsAreReplacedAfterTheirAgeWithoutFailingACall() {
        // Placing on and on: every placement answered, while the one connection of the gateway's orders client is
        // replaced at least twice.
        await().atMost(Duration.ofSeconds(20)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50)).until(() -> {
            Api.customer("alice").body(OrderBodies.order("tok_approve")).when().post("/api/orders").then().statusCode(201);
            return connections.seen() >= 3;
        });
    }
}
