package dev.dispatch.testsupport.health;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.dispatch.testsupport.broker.ArtemisTestResource;

/**
 * What every broker-connected service promises about readiness: UP while its channels are connected
 * to the real broker, DOWN with the failing channel while the broker is away, UP again once it is back.
 */
public interface BrokerReadinessContract {

    String MESSAGING_CHECK = "SmallRye Reactive Messaging - readiness check";

    @Test
    default void readyWhileTheBrokerIsReachable() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks.find { it.name == '" + MESSAGING_CHECK + "' }.status", is("UP")));
    }

    @Test
    default void notReadyWithAReasonWhileTheBrokerIsDown() {
        ArtemisTestResource.broker().stop();
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/q/health/ready")
                    .then().log().body().statusCode(503)
                    .body("checks.find { it.name == '" + MESSAGING_CHECK + "' }.status", is("DOWN")));
        } finally {
            ArtemisTestResource.broker().start();
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().when().get("/q/health/ready")
                .then().statusCode(200).body("status", is("UP")));
    }
}
