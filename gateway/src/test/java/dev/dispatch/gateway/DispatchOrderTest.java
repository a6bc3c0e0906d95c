package dev.dispatch.gateway;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.is;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.dispatch.gateway.support.Api;
import dev.dispatch.gateway.support.Orders;
import dev.dispatch.testsupport.jwt.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** POST /api/orders/{id}/dispatch: operators only, PAID orders only. */
@QuarkusTest
class DispatchOrderTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void anOperatorDispatchesAPaidOrder() {
        String id = Orders.paid("alice");
        Api.operator("olga").body(Map.of("deviceId", "courier-7"))
                .when().post("/api/orders/{id}/dispatch", id)
                .then().statusCode(200)
                .body("status", is("DISPATCHED"))
                .body("deviceId", is("courier-7"))
                .body("version", is(2));
    }

    @Test
    void aCustomerMayNotDispatch() {
        String id = Orders.paid("alice");
        Api.customer("alice").body(Map.of("deviceId", "courier-7"))
                .when().post("/api/orders/{id}/dispatch", id)
                .then().statusCode(403)
                .contentType(PROBLEM)
                .body("type", is("/problems/forbidden"))
                .body("instance", is("/api/orders/" + id + "/dispatch"));
    }

    @Test
    void dispatchingBeforePaymentIs409() {
        String id = Orders.placed("alice", "tok_payment_down");
        Api.operator("olga").body(Map.of("deviceId", "courier-7"))
                .when().post("/api/orders/{id}/dispatch", id)
                .then().statusCode(409)
                .contentType(PROBLEM)
                .body("type", is("/problems/illegal-transition"))
                .body("detail", is("order is AWAITING_PAYMENT; only PAID orders can be dispatched"));
    }

    @Test
    void anUnknownOrderIs404() {
        Api.operator("olga").body(Map.of("deviceId", "courier-7"))
                .when().post("/api/orders/{id}/dispatch", UUID.randomUUID())
                .then().statusCode(404)
                .contentType(PROBLEM)
                .body("type", is("/problems/not-found"));
    }

    @Test
    void theDeviceIdIsRequiredAndChecked() {
        String id = Orders.paid("alice");
        Api.badRequestAs(Tokens.operator("olga")).contentType(ContentType.JSON).body(Map.of("deviceId", "no spaces allowed"))
                .when().post("/api/orders/{id}/dispatch", id)
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("type", is("/problems/validation"))
                .body("errors.field", containsInAnyOrder("deviceId"));
        Api.badRequestAs(Tokens.operator("olga")).contentType(ContentType.JSON).body(Map.of())
                .when().post("/api/orders/{id}/dispatch", id)
                .then().statusCode(400)
                .body("errors.field", containsInAnyOrder("deviceId"));
        Api.badRequestAs(Tokens.operator("olga")).contentType(ContentType.JSON)
                .when().post("/api/orders/{id}/dispatch", id)
                .then().statusCode(400)
                .body("errors.field", containsInAnyOrder("body"));
    }
}
