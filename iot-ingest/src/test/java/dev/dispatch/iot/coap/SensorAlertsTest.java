package dev.dispatch.iot.coap;

import static dev.dispatch.iot.coap.CoapIngestTest.assertStored;
import static dev.dispatch.iot.support.Db.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.dispatch.iot.support.BrokerTest;
import dev.dispatch.iot.support.CoapSensor;
import dev.dispatch.iot.support.Operator;
import dev.dispatch.iot.support.OrderEvents;
import dev.dispatch.iot.support.Readings;
import dev.dispatch.iot.support.Sensors;
import dev.dispatch.iot.support.Wait;
import dev.dispatch.proto.sensor.v1.SensorServiceGrpc;
import dev.dispatch.testsupport.amqp.AmqpTestClient;
import dev.dispatch.testsupport.contracts.Contracts;
import dev.dispatch.testsupport.postgres.TestDatabase;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.amqp.AmqpMessage;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;

/**
 * A cargo sensor's readings raise alerts on device-alerts, once per episode, with the courier's order when it has
 * one; every alert that reached the broker is checked against contracts/events/sensor-alert.v1.json (BrokerTest).
 */
@QuarkusTest
class SensorAlertsTest extends BrokerTest {

    @Inject
    SensorCoapServer coap;

    @GrpcClient("sensors")
    SensorServiceGrpc.SensorServiceBlockingStub anonymous;

    /** The client with the token the gateway sends for an operator. */
    private SensorServiceGrpc.SensorServiceBlockingStub sensors;

    @BeforeEach
    void callAsAnOperator() {
        sensors = Operator.calling(anonymous);
    }

    @Test
    void tooWarmForTheOrderAlertsOncePerEpisode() {
        String courier = Sensors.newId("courier");
        String orderId = UUID.randomUUID().toString();
        sendOrderEvent(OrderEvents.dispatched(orderId, "alice", courier, 52.53, 13.38, 6.0)); // colder than the sensor's 8 °C
        await().atMost(Wait.LONG).until(() -> count("select count(*) from order_binding where order_id = '" + orderId + "'") == 1);
        String id = Sensors.newId("tag");
        Sensors.provision(sensors, id, courier);
        Instant t0 = Instant.now().minusSeconds(300).truncatedTo(ChronoUnit.SECONDS);

        try (CoapSensor sensor = CoapSensor.plain(coap.plainPort())) {
            assertStored(sensor.postJson(id, Readings.json(Readings.reading(t0, 5.0, 60, 0.2, 80))), 1);
            assertStored(sensor.postJson(id, Readings.json(Readings.reading(t0.plusSeconds(1), 6.5, 60, 0.2, 80))), 1); // the alert
            assertStored(sensor.postJson(id, Readings.json(List.of(Readings.reading(t0.plusSeconds(2), 7.5, 60, 0.2, 80),
                    Readings.reading(t0.plusSeconds(3), 9.0, 60, 0.2, 80)))), 2); // the same episode
            await().atMost(Wait.LONG).until(() -> alerts(id, "dispatch.sensor.alert.temperature") == 1);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> alerts(id, "dispatch.sensor.alert.temperature") == 1);

            JsonObject alert = AmqpTestClient.body(alerts(id).get(0));
            Contracts.assertValidEvent("device-alerts", alert.encode());
            assertThat(alert.getString("subject")).isEqualTo(id);
            assertThat(alert.getJsonObject("data").getMap()).containsEntry("sensorId", id).containsEntry("courierDeviceId", courier)
                    .containsEntry("orderId", orderId).containsEntry("customerId", "alice").containsEntry("value", 6.5)
                    .containsEntry("limit", 6.0).containsEntry("readingTime", t0.plusSeconds(1).toString());
            // Decided and kept with the readings: a restart goes on with the episode rather than alerting again.
            assertThat(TestDatabase.column("select temperature_alerted::text from sensor_alert_state where sensor_id = '" + id + "'"))
                    .containsExactly("true");

            // Back at the limit, then above again: a new episode. The order of a batch is the readings' time, not the array's.
            assertStored(sensor.postJson(id, Readings.json(List.of(Readings.reading(t0.plusSeconds(5), 6.2, 60, 0.2, 80),
                    Readings.reading(t0.plusSeconds(4), 6.0, 60, 0.2, 80)))), 2);
            await().atMost(Wait.LONG).until(() -> alerts(id, "dispatch.sensor.alert.temperature") == 2);
            assertThat(AmqpTestClient.body(alerts(id).get(1)).getJsonObject("data").getDouble("value")).isEqualTo(6.2);
        }
    }

    @Test
    void shockAndLowBatteryOfASensorRidingWithNoCourier() {
        String id = Sensors.newId("tag");
        Sensors.provision(sensors, id, null);
        Instant t0 = Instant.now().minusSeconds(300).truncatedTo(ChronoUnit.SECONDS);

        try (CoapSensor sensor = CoapSensor.plain(coap.plainPort())) {
            assertStored(sensor.postJson(id, Readings.json(Readings.reading(t0, 4, 60, 4.5, 14))), 1);
            assertStored(sensor.postJson(id, Readings.json(Readings.reading(t0.plusSeconds(1), 4, 60, 6, 13))), 1);
            await().atMost(Wait.LONG).until(() -> alerts(id, "dispatch.sensor.alert.shock") == 1 && alerts(id, "dispatch.sensor.alert.battery") == 1);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> alerts(id).size() == 2);
        }
        JsonObject shock = alerts(id).stream().map(AmqpTestClient::body).filter(e -> e.getString("type").endsWith(".shock")).findFirst()
                .orElseThrow();
        assertThat(shock.getJsonObject("data").getMap()).containsEntry("value", 4.5).containsEntry("limit", 4.0)
                .doesNotContainKeys("courierDeviceId", "orderId", "customerId");
        JsonObject battery = alerts(id).stream().map(AmqpTestClient::body).filter(e -> e.getString("type").endsWith(".battery")).findFirst()
                .orElseThrow();
        assertThat(battery.getJsonObject("data").getMap()).containsEntry("value", 14.0).containsEntry("limit", 15.0);
    }

    private long alerts(String sensorId, String type) {
        return alerts(sensorId).stream().map(AmqpMessage::subject).filter(type::equals).count();
    }
}
