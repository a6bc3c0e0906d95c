package dev.dispatch.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

import dev.dispatch.testsupport.jwt.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/** Outside the documented API, errors are problems too (so not checked against the document, which does not list them). */
@QuarkusTest
class RoutingProblemsTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void anUnknownRouteIs404() {
        given().auth().oauth2(Tokens.customer("alice")).when().get("/api/parcels")
                .then().statusCode(404)
                .contentType(PROBLEM)
                .body("type", is("/problems/not-found"))
                .body("instance", is("/api/parcels"));
    }

    @Test
    void anUnsupportedMethodIs405() {
        given().auth().oauth2(Tokens.customer("alice")).when().delete("/api/orders")
                .then().statusCode(405)
                .contentType(PROBLEM)
                .body("type", is("/problems/method-not-allowed"));
    }
}
