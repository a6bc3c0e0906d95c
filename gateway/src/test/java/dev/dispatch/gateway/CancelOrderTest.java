package dev.dispatch.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.is;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.dispatch.gateway.support.Api;
import dev.dispatch.gateway.support.Orders;
import dev.dispatch.testsupport.jwt.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /api/orders/{id}/cancel. */
@QuarkusTest
class CancelOrderTest {

    private static final String PROBLEM = "application/problem+json";

    @TestHTTPResource("/api/orders")
    URI orders;

    @Test
    void cancellingAPaidOrderRefundsIt() {
        String id = Orders.paid("alice");
        Api.customer("alice").body(Map.of("reason", "ordered twice"))
                .when().post("/api/orders/{id}/cancel", id)
                .then().statusCode(200)
                .body("status", is("CANCELLED"))
                .body("statusReason", is("ordered twice"))
                .body("payment.status", is("REFUNDED"))
                .body("version", is(2));
    }

    @Test
    void theBodyIsOptional() throws Exception {
        String withEmptyJson = Orders.placed("alice", "tok_payment_down");
        Api.customer("alice").body(Map.of())
                .when().post("/api/orders/{id}/cancel", withEmptyJson)
                .then().statusCode(200)
                .body("status", is("CANCELLED"));

        // As `curl -X POST` sends it: no body and no Content-Type at all.
        String bare = Orders.paid("alice");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(orders + "/" + bare + "/cancel"))
                .header("Authorization", "Bearer " + Tokens.customer("alice"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"CANCELLED\"");
    }

    @Test
    void anOperatorMayCancel() {
        String id = Orders.paid("alice");
        Api.operator("olga").body(Map.of("reason", "address unreachable"))
                .when().post("/api/orders/{id}/cancel", id)
                .then().statusCode(200)
                .body("status", is("CANCELLED"));
    }

    @Test
    void cancellingAfterDispatchIs409() {
        String id = Orders.dispatched("alice");
        Api.customer("alice").body(Map.of())
                .when().post("/api/orders/{id}/cancel", id)
                .then().statusCode(409)
                .contentType(PROBLEM)
                .body("type", is("/problems/illegal-transition"))
                .body("detail", is("order is DISPATCHED; only orders not yet dispatched can be cancelled"));
    }

    @Test
    void cancellingTwiceIs409() {
        String id = Orders.paid("alice");
        Api.customer("alice").body(Map.of()).when().post("/api/orders/{id}/cancel", id).then().statusCode(200);
        Api.customer("alice").body(Map.of())
                .when().post("/api/orders/{id}/cancel", id)
                .then().statusCode(409)
                .body("type", is("/problems/illegal-transition"));
    }

    @Test
    void anotherCustomersOrderIs404() {
        String id = Orders.paid("alice");
        Api.customer("mallory").body(Map.of())
                .when().post("/api/orders/{id}/cancel", id)
                .then().statusCode(404)
                .contentType(PROBLEM)
                .body("type", is("/problems/not-found"));
        Api.customer("mallory").body(Map.of())
                .when().post("/api/orders/{id}/cancel", UUID.randomUUID())
                .then().statusCode(404);
    }

    @Test
    void anOverlongReasonIs400() {
        String id = Orders.paid("alice");
        Api.badRequestAs(Tokens.customer("alice")).contentType(ContentType.JSON).body(Map.of("reason", "r".repeat(501)))
                .when().post("/api/orders/{id}/cancel", id)
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("errors.field", containsInAnyOrder("reason"));
    }

    @Test
    void withoutATokenIs401() {
        given().filter(dev.dispatch.gateway.support.Contract.responseValidated()).contentType(ContentType.JSON).body(Map.of())
                .when().post("/api/orders/{id}/cancel", UUID.randomUUID())
                .then().statusCode(401)
                .contentType(PROBLEM)
                .body("type", is("/problems/unauthorized"));
    }
}
