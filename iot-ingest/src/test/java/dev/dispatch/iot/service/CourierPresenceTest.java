package dev.dispatch.iot.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.dispatch.iot.support.BrokerTest;
import dev.dispatch.iot.support.DeviceClient;
import dev.dispatch.iot.support.Operator;
import dev.dispatch.iot.support.OrderEvents;
import dev.dispatch.iot.support.RawMqttDevice;
import dev.dispatch.iot.support.Wait;
import dev.dispatch.proto.device.v1.CourierPresence;
import dev.dispatch.proto.device.v1.DeviceServiceGrpc;
import dev.dispatch.proto.device.v1.GetDeviceRequest;
import dev.dispatch.proto.device.v1.ListDevicesRequest;
import dev.dispatch.testsupport.amqp.AmqpTestClient;
import dev.dispatch.testsupport.contracts.Contracts;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.amqp.AmqpMessage;
import io.vertx.core.json.JsonObject;

/**
 * A courier's presence follows its device's MQTT status and its order: available, away while delivering, offline.
 * Each change is one dispatch.courier.presence.changed on courier-presence (read here from a queue of the test's own,
 * checked against the contract), and DeviceService shows it on the device.
 */
@QuarkusTest
class CourierPresenceTest extends BrokerTest {

    private static final String COURIER_PRESENCE = "courier-presence";
    private static final Duration QUIET = Duration.ofSeconds(2);

    @GrpcClient("devices")
    DeviceServiceGrpc.DeviceServiceBlockingStub anonymous;

    /** The client with the token the gateway sends for an operator. */
    private DeviceServiceGrpc.DeviceServiceBlockingStub devices;

    @BeforeEach
    void callAsAnOperator() {
        devices = Operator.calling(anonymous);
    }

    private List<AmqpMessage> presence;

    @BeforeEach
    void subscribeToPresence() {
        presence = broker.subscribe(COURIER_PRESENCE);
    }

    @AfterEach
    void everyPresenceEventKeepsTheContract() {
        for (AmqpMessage message : presence) {
            JsonObject event = AmqpTestClient.body(message);
            Contracts.assertValidEvent(COURIER_PRESENCE, event.encode());
            assertThat(message.id()).isEqualTo(event.getString("id"));
            assertThat(message.subject()).isEqualTo("dispatch.courier.presence.changed");
            assertThat(message.groupId()).isEqualTo(event.getString("subject"));
            assertThat(message.isDurable()).isTrue();
            assertThat(message.contentType()).isEqualTo(AmqpTestClient.CLOUDEVENTS_JSON);
        }
    }

    @Test
    void onlineIsAvailableOnceHoweverOftenTheDeviceSaysIt() {
        String deviceId = "courier-" + UUID.randomUUID();
        Instant before = Instant.now();
        try (DeviceClient device = DeviceClient.online(vertx, deviceId)) {
            JsonObject data = awaitPresence(deviceId, 1).get(0);
            assertThat(data.getMap()).containsEntry("schemaVersion", 1).containsEntry("deviceId", deviceId)
                    .containsEntry("presence", "available").doesNotContainKey("orderId");
            assertThat(Instant.parse(data.getString("since"))).isAfterOrEqualTo(before.minusSeconds(1));
            assertThat(presenceOf(deviceId)).isEqualTo(CourierPresence.COURIER_PRESENCE_AVAILABLE);

            device.status("online");
            device.telemetry(Instant.now().minusSeconds(1), 52.5, 13.4, 5, 80);
            await().during(QUIET).atMost(QUIET.multipliedBy(3)).until(() -> presence(deviceId).size() == 1);
        }
    }

    @Test
    void dispatchedIsAwayWithTheOrderAndDeliveredIsAvailableAgain() {
        String deviceId = "courier-" + UUID.randomUUID();
        String orderId = UUID.randomUUID().toString();
        try (DeviceClient device = DeviceClient.online(vertx, deviceId)) {
            awaitPresence(deviceId, 1);
            sendOrderEvent(OrderEvents.dispatched(orderId, "alice", deviceId, 52.53, 13.38, null));

            JsonObject away = awaitPresence(deviceId, 2).get(1);
            assertThat(away.getMap()).containsEntry("presence", "away").containsEntry("orderId", orderId);
            assertThat(presenceOf(deviceId)).isEqualTo(CourierPresence.COURIER_PRESENCE_AWAY);
            assertThat(devices.listDevices(ListDevicesRequest.newBuilder().addDeviceIds(deviceId).build()).getDevices(0).getPresence())
                    .isEqualTo(CourierPresence.COURIER_PRESENCE_AWAY);

            UUID deliveredId = UUID.randomUUID();
            device.delivered(deliveredId, orderId, 52.53, 13.38);
            device.delivered(deliveredId, orderId, 52.53, 13.38); // a re-send changes nothing
            JsonObject available = awaitPresence(deviceId, 3).get(2);
            assertThat(available.getMap()).containsEntry("presence", "available").doesNotContainKey("orderId");
            assertThat(presenceOf(deviceId)).isEqualTo(CourierPresence.COURIER_PRESENCE_AVAILABLE);

            // order-service's delivered that follows finds the binding ended already: nothing new.
            sendOrderEvent(OrderEvents.of("dispatch.order.delivered", orderId, "alice", "DELIVERED"));
            await().during(QUIET).atMost(QUIET.multipliedBy(3)).until(() -> presence(deviceId).size() == 3);
        }
    }

    @Test
    void aCancelledOrderFreesTheCourierAndARedeliveredDispatchSaysNothingNew() {
        String deviceId = "courier-" + UUID.randomUUID();
        String orderId = UUID.randomUUID().toString();
        try (DeviceClient device = DeviceClient.online(vertx, deviceId)) {
            awaitPresence(deviceId, 1);
            JsonObject dispatched = OrderEvents.dispatched(orderId, "bob", deviceId, 52.53, 13.38, null);
            sendOrderEvent(dispatched);
            awaitPresence(deviceId, 2);
            sendOrderEventAgain(dispatched);
            await().atMost(Wait.LONG).until(() -> device.commands().size() >= 2); // the redelivery was taken
            await().during(QUIET).atMost(QUIET.multipliedBy(3)).until(() -> presence(deviceId).size() == 2);

            sendOrderEvent(OrderEvents.of("dispatch.order.cancelled", orderId, "bob", "CANCELLED"));
            assertThat(awaitPresence(deviceId, 3).get(2).getString("presence")).isEqualTo("available");
        }
    }

    @Test
    void offlineIsOfflineAndAnOfflineCourierStaysOfflineWhenDispatchedTo() throws Exception {
        String deviceId = "courier-" + UUID.randomUUID();
        String orderId = UUID.randomUUID().toString();
        try (RawMqttDevice device = RawMqttDevice.online(deviceId)) {
            awaitPresence(deviceId, 1);
            device.die();
            JsonObject offline = awaitPresence(deviceId, 2).get(1);
            assertThat(offline.getMap()).containsEntry("presence", "offline").doesNotContainKey("orderId");
            await().atMost(Wait.LONG).until(() -> presenceOf(deviceId) == CourierPresence.COURIER_PRESENCE_OFFLINE);

            sendOrderEvent(OrderEvents.dispatched(orderId, "carol", deviceId, 52.53, 13.38, null));
            await().atMost(Wait.LONG).until(() -> !devices.getDevice(GetDeviceRequest.newBuilder().setDeviceId(deviceId).build())
                    .getBoundOrderId().isEmpty());
            await().during(QUIET).atMost(QUIET.multipliedBy(3)).until(() -> presence(deviceId).size() == 2);
            assertThat(presenceOf(deviceId)).isEqualTo(CourierPresence.COURIER_PRESENCE_OFFLINE);
        }
        // Back online, delivering that order: away.
        try (DeviceClient device = DeviceClient.online(vertx, deviceId)) {
            JsonObject away = awaitPresence(deviceId, 3).get(2);
            assertThat(away.getMap()).containsEntry("presence", "away").containsEntry("orderId", orderId);
        }
    }

    private List<JsonObject> awaitPresence(String deviceId, int count) {
        await().atMost(Wait.LONG).until(() -> presence(deviceId).size() >= count);
        return presence(deviceId);
    }

    // The data of the presence events about one device (group-id), in arrival order.
    private List<JsonObject> presence(String deviceId) {
        return AmqpTestClient.ofGroup(presence, deviceId).stream().map(m -> AmqpTestClient.body(m).getJsonObject("data")).toList();
    }

    private CourierPresence presenceOf(String deviceId) {
        return devices.getDevice(GetDeviceRequest.newBuilder().setDeviceId(deviceId).build()).getPresence();
    }
}
