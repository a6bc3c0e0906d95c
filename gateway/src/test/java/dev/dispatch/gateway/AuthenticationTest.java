package dev.dispatch.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.dispatch.gateway.support.Api;
import dev.dispatch.gateway.support.Contract;
import dev.dispatch.gateway.support.OrderBodies;
import dev.dispatch.testsupport.jwt.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Every endpoint needs a valid token of a known role; what is wrong with a token is not told. */
@QuarkusTest
class AuthenticationTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void withoutATokenEveryEndpointIs401() {
        String id = UUID.randomUUID().toString();
        anonymous().body(OrderBodies.order("tok_approve")).when().post("/api/orders").then().spec(unauthorized("Bearer"));
        anonymous().when().get("/api/orders").then().spec(unauthorized("Bearer"));
        anonymous().when().get("/api/orders/{id}", id).then().spec(unauthorized("Bearer"));
        anonymous().body(Map.of()).when().post("/api/orders/{id}/cancel", id).then().spec(unauthorized("Bearer"));
        anonymous().body(Map.of("deviceId", "courier-7")).when().post("/api/orders/{id}/dispatch", id).then().spec(unauthorized("Bearer"));
        anonymous().when().get("/api/devices").then().spec(unauthorized("Bearer"));
        anonymous().when().get("/api/devices/{id}", "courier-7").then().spec(unauthorized("Bearer"));
        anonymous().when().get("/api/devices/{id}/telemetry", "courier-7").then().spec(unauthorized("Bearer"));
        anonymous().body(Map.of("type", "PING")).when().post("/api/devices/{id}/commands", "courier-7").then().spec(unauthorized("Bearer"));
    }

    @Test
    void refusedTokensAre401() {
        for (String token : new String[] { Tokens.signedByStranger("alice"), Tokens.expired("alice"),
                Tokens.ofIssuer("https://elsewhere.example", "alice"), "not.a.jwt" }) {
            Api.badRequestAs(token).when().get("/api/orders").then().spec(unauthorized("Bearer error=\"invalid_token\""));
            Api.badRequestAs(token).when().get("/api/devices").then().spec(unauthorized("Bearer error=\"invalid_token\""));
        }
    }

    @Test
    void aTokenWithoutAKnownRoleIs403() {
        Api.as(Tokens.ofGroup("guest", "courier")).when().get("/api/orders")
                .then().statusCode(403)
                .contentType(PROBLEM)
                .body("type", is("/problems/forbidden"));
    }

    private static io.restassured.specification.RequestSpecification anonymous() {
        return given().filter(Contract.responseValidated()).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    private static io.restassured.specification.ResponseSpecification unauthorized(String challenge) {
        return new io.restassured.builder.ResponseSpecBuilder()
                .expectStatusCode(401)
                .expectContentType(PROBLEM)
                .expectHeader("WWW-Authenticate", challenge)
                .expectBody("type", is("/problems/unauthorized"))
                .expectBody("status", is(401))
                .build();
    }
}
