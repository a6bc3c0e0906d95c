package dev.dispatch.iot.service;

import static dev.dispatch.iot.support.Db.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.dispatch.iot.support.BrokerTest;
import dev.dispatch.iot.support.DeviceClient;
import dev.dispatch.iot.support.Operator;
import dev.dispatch.iot.support.OrderEvents;
import dev.dispatch.iot.support.RawMqttDevice;
import dev.dispatch.iot.support.Wait;
import dev.dispatch.proto.device.v1.DeviceServiceGrpc;
import dev.dispatch.proto.device.v1.DeviceStatus;
import dev.dispatch.proto.device.v1.GetDeviceRequest;
import dev.dispatch.testsupport.amqp.AmqpTestClient;
import dev.dispatch.testsupport.contracts.Contracts;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.amqp.AmqpMessage;
import io.vertx.core.json.JsonObject;

/** Alerts on device-alerts, each once per episode: cargo too warm for too long, battery low, a bound device gone. */
@QuarkusTest
class AlertsTest extends BrokerTest {

    @GrpcClient("devices")
    DeviceServiceGrpc.DeviceServiceBlockingStub anonymous;

    /** The client with the token the gateway sends for an operator. */
    private DeviceServiceGrpc.DeviceServiceBlockingStub devices;

    @BeforeEach
    void callAsAnOperator() {
        devices = Operator.calling(anonymous);
    }

    @Test
    void temperatureAboveTheLimitForMoreThanThreeReadingsAlertsOncePerEpisode() {
        String deviceId = "courier-" + UUID.randomUUID();
        String orderId = UUID.randomUUID().toString();
        try (DeviceClient device = DeviceClient.online(vertx, deviceId)) {
            sendOrderEvent(OrderEvents.dispatched(orderId, "erin", deviceId, 52.53, 13.38, 8.0));
            await().atMost(Wait.LONG).until(() -> device.commands().size() == 1);

            Instant t = Instant.now().minusSeconds(100);
            double[] episode1 = {9, 9.5, 10}; // three above: tolerated
            for (int i = 0; i < episode1.length; i++) {
                device.telemetry(t.plusSeconds(i), 52.5, 13.4, episode1[i], 80);
            }
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> alerts(deviceId, "temperature") == 0);
            device.telemetry(t.plusSeconds(3), 52.5, 13.4, 11, 80); // the fourth: alert
            device.telemetry(t.plusSeconds(4), 52.5, 13.4, 12, 80); // same episode: nothing more
            device.telemetry(t.plusSeconds(5), 52.5, 13.4, 12, 80);
            await().atMost(Wait.LONG).until(() -> alerts(deviceId, "temperature") == 1);
            JsonObject alert = AmqpTestClient.body(alerts(deviceId).get(0));
            assertThat(Contracts.eventErrors("device-alerts", alert.encode())).as(alert.encode()).isEmpty();
            assertThat(alert.getString("subject")).isEqualTo(deviceId);
            assertThat(alert.getJsonObject("data").getMap()).containsEntry("orderId", orderId).containsEntry("customerId", "erin")
                    .containsEntry("temperatureC", 11.0).containsEntry("limitC", 8.0).containsEntry("consecutiveReadings", 4);

            device.telemetry(t.plusSeconds(6), 52.5, 13.4, 8.0, 80); // back at the limit: episode over
            for (int i = 7; i < 11; i++) {
                device.telemetry(t.plusSeconds(i), 52.5, 13.4, 9, 80); // a new episode, four above
            }
            await().atMost(Wait.LONG).until(() -> alerts(deviceId, "temperature") == 2);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> alerts(deviceId, "temperature") == 2);
        }
    }

    @Test
    void batteryLowAlertsOnceAndAgainOnlyAfterRecoveringAboveTheHysteresis() {
        String deviceId = "courier-" + UUID.randomUUID();
        try (DeviceClient device = DeviceClient.online(vertx, deviceId)) {
            await().atMost(Wait.LONG).until(() -> count("select count(*) from device where id = '" + deviceId + "'") == 1);
            Instant t = Instant.now().minusSeconds(100);
            device.telemetry(t, 52.5, 13.4, 5, 16);
            device.telemetry(t.plusSeconds(1), 52.5, 13.4, 5, 14); // alert
            device.telemetry(t.plusSeconds(2), 52.5, 13.4, 5, 12);
            device.telemetry(t.plusSeconds(3), 52.5, 13.4, 5, 18); // above 15 but not above 20: still the same episode
            device.telemetry(t.plusSeconds(4), 52.5, 13.4, 5, 13);
            await().atMost(Wait.LONG).until(() -> alerts(deviceId, "battery") == 1);
            JsonObject alert = AmqpTestClient.body(alerts(deviceId).get(0));
            assertThat(Contracts.eventErrors("device-alerts", alert.encode())).as(alert.encode()).isEmpty();
            assertThat(alert.getJsonObject("data").getDouble("batteryPercent")).isEqualTo(14.0);
            assertThat(alert.getJsonObject("data").containsKey("orderId")).isFalse(); // not delivering anything

            device.telemetry(t.plusSeconds(5), 52.5, 13.4, 5, 25); // recharged
            device.telemetry(t.plusSeconds(6), 52.5, 13.4, 5, 10); // a new episode
            await().atMost(Wait.LONG).until(() -> alerts(deviceId, "battery") == 2);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> alerts(deviceId, "battery") == 2);
        }
    }

    @Test
    void aBoundDeviceWhoseConnectionDiesAlertsOnceThroughItsLastWill() throws Exception {
        String deviceId = "courier-" + UUID.randomUUID();
        String orderId = UUID.randomUUID().toString();
        try (RawMqttDevice device = RawMqttDevice.online(deviceId)) {
            await().atMost(Wait.LONG).until(() -> count("select count(*) from device where id = '" + deviceId + "' and status = 'ONLINE'") == 1);
            sendOrderEvent(OrderEvents.dispatched(orderId, "frank", deviceId, 52.53, 13.38, null));
            await().atMost(Wait.LONG).until(() -> count("select count(*) from order_binding where order_id = '" + orderId + "'") == 1);
            await().atMost(Wait.LONG).until(() -> !devices.getDevice(GetDeviceRequest.newBuilder().setDeviceId(deviceId).build())
                    .getBoundOrderId().isEmpty());

            device.die();

            await().atMost(Wait.LONG).until(() -> alerts(deviceId, "offline") == 1);
            AmqpMessage message = alerts(deviceId).get(0);
            JsonObject alert = AmqpTestClient.body(message);
            assertThat(Contracts.eventErrors("device-alerts", alert.encode())).as(alert.encode()).isEmpty();
            assertThat(alert.getJsonObject("data").getMap()).containsEntry("orderId", orderId).containsEntry("customerId", "frank");
            assertThat(devices.getDevice(GetDeviceRequest.newBuilder().setDeviceId(deviceId).build()).getStatus())
                    .isEqualTo(DeviceStatus.DEVICE_STATUS_OFFLINE);
            assertThat(count("select count(*) from device where id = '" + deviceId + "' and status = 'OFFLINE'")).isEqualTo(1);

            // The retained will again (e.g. on a resubscription) is the same episode: no second alert.
            try (DeviceClient other = DeviceClient.connect(vertx, "observer-" + UUID.randomUUID())) {
                other.publish("devices/" + deviceId + "/status", "{\"status\":\"offline\"}", true);
            }
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> alerts(deviceId, "offline") == 1);
        }
    }

    @Test
    void anUnboundDeviceGoingOfflineIsNoAlert() throws Exception {
        String deviceId = "courier-" + UUID.randomUUID();
        try (RawMqttDevice device = RawMqttDevice.online(deviceId)) {
            await().atMost(Wait.LONG).until(() -> count("select count(*) from device where id = '" + deviceId + "' and status = 'ONLINE'") == 1);
            device.die();
            await().atMost(Wait.LONG).until(() -> count("select count(*) from device where id = '" + deviceId + "' and status = 'OFFLINE'") == 1);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> alerts(deviceId).isEmpty());
        }
    }

    private long alerts(String deviceId, String kind) {
        return alerts(deviceId).stream().filter(m -> m.subject().equals("dispatch.device.alert." + kind)).count();
    }
}
