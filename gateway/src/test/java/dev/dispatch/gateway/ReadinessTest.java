package dev.dispatch.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The gateway owns no data and no broker connection: it is ready as soon as it serves. Its backends being
 * down shows up per request (503), not as the gateway being unready, so one slow service cannot take
 * every gateway replica out of the load balancer.
 */
@QuarkusTest
class ReadinessTest {

    @Test
    void readyAndLive() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
        given().when().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
    }
}
