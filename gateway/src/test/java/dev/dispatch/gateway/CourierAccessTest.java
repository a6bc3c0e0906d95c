package dev.dispatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.dispatch.gateway.support.Api;
import dev.dispatch.gateway.support.FakeDeviceService;
import dev.dispatch.gateway.support.FakeOrderService;
import dev.dispatch.gateway.support.GraphQL;
import dev.dispatch.gateway.support.OrderBodies;
import dev.dispatch.testsupport.jwt.Tokens;
import io.quarkus.grpc.GrpcService;
import io.quarkus.test.junit.QuarkusTest;

/** A courier's token opens the chat and nothing else: every customer and operator endpoint is 403, no backend is asked. */
@QuarkusTest
class CourierAccessTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String COURIER = Tokens.ofGroup(FakeDeviceService.COURIER, "courier");

    @Inject
    @GrpcService
    FakeOrderService orders;

    @Inject
    @GrpcService
    FakeDeviceService devices;

    @Test
    void restRefusesACourierEverythingButChat() {
        int listed = orders.calls("list");
        int read = devices.calls("get", FakeDeviceService.COURIER);
        String order = UUID.randomUUID().toString();
        Api.as(COURIER).when().get("/api/orders").then().statusCode(403).contentType(PROBLEM).body("type", is("/problems/forbidden"));
        Api.as(COURIER).when().get("/api/orders/{id}", order).then().statusCode(403).contentType(PROBLEM);
        Api.as(COURIER).header("Idempotency-Key", UUID.randomUUID().toString()).body(OrderBodies.order("tok_approve")).when()
                .post("/api/orders").then().statusCode(403).contentType(PROBLEM);
        Api.as(COURIER).body(Map.of()).when().post("/api/orders/{id}/cancel", order).then().statusCode(403).contentType(PROBLEM);
        Api.as(COURIER).body(Map.of("deviceId", FakeDeviceService.COURIER)).when().post("/api/orders/{id}/dispatch", order)
                .then().statusCode(403).contentType(PROBLEM);
        Api.as(COURIER).when().get("/api/devices").then().statusCode(403).contentType(PROBLEM);
        Api.as(COURIER).when().get("/api/devices/{id}", FakeDeviceService.COURIER).then().statusCode(403).contentType(PROBLEM);
        Api.as(COURIER).body(Map.of("type", "UNLOCK_CARGO")).when().post("/api/devices/{id}/commands", FakeDeviceService.COURIER)
                .then().statusCode(403).contentType(PROBLEM);
        Api.as(COURIER).when().get("/api/sensors").then().statusCode(403).contentType(PROBLEM);
        assertThat(orders.calls("list")).isEqualTo(listed);
        assertThat(devices.calls("get", FakeDeviceService.COURIER)).isEqualTo(read);

        Api.as(COURIER).when().get("/api/chat/rooms").then().statusCode(200);
    }

    @Test
    void graphQLRefusesACourierEverythingButChat() {
        for (String query : new String[] {
                "{ orders { nodes { id } } }",
                "{ order(id: \"" + UUID.randomUUID() + "\") { id } }",
                "{ device(id: \"" + FakeDeviceService.COURIER + "\") { id presence } }",
                "{ devices { nodes { id } } }",
                "mutation { sendDeviceCommand(deviceId: \"" + FakeDeviceService.COURIER + "\", type: UNLOCK_CARGO) { commandId } }" }) {
            GraphQL.as(COURIER, query).then().statusCode(200)
                    .body("data." + field(query), nullValue())
                    .body("errors[0].extensions.code", is("FORBIDDEN"));
        }
        GraphQL.as(COURIER, "{ chatRooms { orderId } }").then().statusCode(200).body("errors", nullValue());
    }

    private static String field(String query) {
        String body = query.substring(query.indexOf('{') + 1).strip();
        return body.split("[ (]")[0];
    }
}
