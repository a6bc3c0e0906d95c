package dev.dispatch.iot;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.dispatch.testsupport.health.BrokerReadinessContract;
import dev.dispatch.testsupport.health.DatabaseReadinessContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ReadinessTest implements DatabaseReadinessContract, BrokerReadinessContract {

    @Override
    public List<String> expectedTables() {
        return List.of("device", "telemetry", "order_binding", "outbox_event", "processed_event", "sensor", "sensor_credential",
                "sensor_reading", "sensor_alert_state", "device_credential");
    }

    @Test
    void readyIncludesTheCoapEndpointsWithTheirBoundPorts() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'CoAP endpoints' }.status", is("UP"))
                .body("checks.find { it.name == 'CoAP endpoints' }.data.coaps", greaterThan(0))
                .body("checks.find { it.name == 'CoAP endpoints' }.data.coap", greaterThan(0));
    }
}
