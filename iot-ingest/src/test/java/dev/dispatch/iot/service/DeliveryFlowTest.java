package dev.dispatch.iot.service;

import static dev.dispatch.iot.support.Db.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.dispatch.iot.support.BrokerTest;
import dev.dispatch.iot.support.DeviceClient;
import dev.dispatch.iot.support.Metrics;
import dev.dispatch.iot.support.Operator;
import dev.dispatch.iot.support.OrderEvents;
import dev.dispatch.iot.support.Wait;
import dev.dispatch.proto.device.v1.DeviceServiceGrpc;
import dev.dispatch.proto.device.v1.GetDeviceRequest;
import dev.dispatch.testsupport.amqp.AmqpTestClient;
import dev.dispatch.testsupport.broker.ArtemisTestResource;
import dev.dispatch.testsupport.contracts.Contracts;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.amqp.AmqpMessage;
import io.vertx.core.json.JsonObject;

/**
 * The delivery lifecycle across the protocols: a dispatched order event (AMQP) binds the device and sends it
 * assign-order (MQTT); its readings become throttled progress events with the distance to the destination (AMQP,
 * through the outbox); its delivered event (MQTT) becomes one completed event however often it is sent.
 */
@QuarkusTest
class DeliveryFlowTest extends BrokerTest {

    @jakarta.inject.Inject
    io.micrometer.core.instrument.MeterRegistry meters;

    // The destination: Invalidenstrasse 116, Berlin.
    private static final double DEST_LAT = 52.5321;
    private static final double DEST_LON = 13.3849;

    @GrpcClient("devices")
    DeviceServiceGrpc.DeviceServiceBlockingStub anonymous;

    /** The client with the token the gateway sends for an operator. */
    private DeviceServiceGrpc.DeviceServiceBlockingStub devices;

    @BeforeEach
    void callAsAnOperator() {
        devices = Operator.calling(anonymous);
    }

    @Test
    void aDispatchedOrderBindsTheDeviceWhichGetsAssignOrderThenProgressThenOneCompletion() {
        String deviceId = "courier-" + UUID.randomUUID();
        String orderId = UUID.randomUUID().toString();
        try (DeviceClient device = DeviceClient.online(vertx, deviceId)) {
            await().atMost(Wait.LONG).until(() -> count("select count(*) from device where id = '" + deviceId + "'") == 1);
            JsonObject dispatched = OrderEvents.dispatched(orderId, "alice", deviceId, DEST_LAT, DEST_LON, 8.0);
            sendOrderEvent(dispatched);

            // Bound (stored and in memory), and the device told where to go.
            await().atMost(Wait.LONG).until(() -> device.commands().size() == 1);
            JsonObject command = device.commands().get(0);
            assertThat(command.getString("type")).isEqualTo("assign-order");
            assertThat(command.getJsonObject("arguments").getMap()).containsEntry("orderId", orderId)
                    .containsEntry("latitude", String.valueOf(DEST_LAT)).containsEntry("longitude", String.valueOf(DEST_LON));
            assertThat(UUID.fromString(command.getString("commandId"))).isNotNull();
            assertThat(Instant.parse(command.getString("sentAt"))).isBefore(Instant.now().plusSeconds(1));
            assertThat(devices.getDevice(GetDeviceRequest.newBuilder().setDeviceId(deviceId).build()).getBoundOrderId()).isEqualTo(orderId);
            assertThat(count("select count(*) from order_binding where order_id = '" + orderId + "' and device_id = '" + deviceId
                    + "' and customer_id = 'alice' and max_cargo_temperature_c = 8 and ended_at is null")).isEqualTo(1);

            // The same dispatched event again (a redelivery): no second binding; the command may be re-sent, same id.
            sendOrderEventAgain(dispatched);

            // Three readings in quick succession: one progress event (the first), about 1.1 km away.
            Instant t0 = Instant.now().minusSeconds(10);
            device.telemetry(t0, 52.5421, 13.3849, 5.0, 80);
            device.telemetry(t0.plusSeconds(1), 52.5400, 13.3849, 5.0, 80);
            device.telemetry(t0.plusSeconds(2), 52.5380, 13.3849, 5.0, 80);
            await().atMost(Wait.LONG).until(() -> deliveryEvents(orderId).size() >= 1);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> deliveryEvents(orderId).size() == 1);
            AmqpMessage first = deliveryEvents(orderId).get(0);
            JsonObject progress = AmqpTestClient.body(first);
            assertThat(Contracts.eventErrors("delivery-events", progress.encode())).as(progress.encode()).isEmpty();
            assertThat(first.subject()).isEqualTo("dispatch.delivery.progress");
            assertThat(first.contentType()).isEqualTo("application/cloudevents+json; charset=UTF-8");
            assertThat(first.isDurable()).isTrue();
            assertThat(first.id()).isEqualTo(progress.getString("id"));
            assertThat(progress.getString("source")).isEqualTo("/iot-ingest");
            assertThat(progress.getString("subject")).isEqualTo(orderId);
            JsonObject data = progress.getJsonObject("data");
            assertThat(data.getString("customerId")).isEqualTo("alice");
            assertThat(data.getString("deviceId")).isEqualTo(deviceId);
            assertThat(data.getDouble("latitude")).isEqualTo(52.5421);
            // 0.01° of latitude is 1112 m.
            assertThat(data.getLong("distanceMeters")).isBetween(1105L, 1120L);

            // After the throttle window (3 s in tests) the next reading gives the next progress event, closer.
            await().pollDelay(Duration.ofSeconds(3)).atMost(Wait.LONG).until(() -> true);
            device.telemetry(t0.plusSeconds(3), 52.5331, 13.3849, 5.0, 80);
            await().atMost(Wait.LONG).until(() -> deliveryEvents(orderId).size() == 2);
            assertThat(AmqpTestClient.body(deliveryEvents(orderId).get(1)).getJsonObject("data").getLong("distanceMeters")).isBetween(105L, 118L);

            // Delivered, sent twice (the device did not see the PUBACK): one completed event, deterministic id.
            UUID deliveredId = UUID.randomUUID();
            device.delivered(deliveredId, orderId, DEST_LAT, DEST_LON);
            device.delivered(deliveredId, orderId, DEST_LAT, DEST_LON);
            await().atMost(Wait.LONG).until(() -> deliveryEvents(orderId).size() == 3);
            AmqpMessage completed = deliveryEvents(orderId).get(2);
            assertThat(completed.subject()).isEqualTo("dispatch.delivery.completed");
            JsonObject completedEvent = AmqpTestClient.body(completed);
            assertThat(Contracts.eventErrors("delivery-events", completedEvent.encode())).as(completedEvent.encode()).isEmpty();
            assertThat(completedEvent.getString("id")).isEqualTo(UUID.nameUUIDFromBytes(
                    ("dispatch.delivery.completed:" + deviceId + ":" + deliveredId).getBytes(StandardCharsets.UTF_8)).toString());
            assertThat(completedEvent.getJsonObject("data").getString("customerId")).isEqualTo("alice");
            assertThat(count("select count(*) from order_binding where order_id = '" + orderId + "' and end_reason = 'delivered'"
                    + " and delivered_at is not null")).isEqualTo(1);
            assertThat(devices.getDevice(GetDeviceRequest.newBuilder().setDeviceId(deviceId).build()).getBoundOrderId()).isEmpty();

            // Even later the re-send changes nothing; and readings after delivery make no progress events.
            device.delivered(deliveredId, orderId, DEST_LAT, DEST_LON);
            device.telemetry(t0.plusSeconds(30), DEST_LAT, DEST_LON, 5.0, 80);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> deliveryEvents(orderId).size() == 3);
            assertThat(count("select count(*) from outbox_event where aggregate_id = '" + orderId + "' and published_at is null")).isZero();
            assertThat(count("select count(*) from order_binding where order_id = '" + orderId + "'")).isEqualTo(1);
        }
    }

    @Test
    void aDeliveredEventForAnOrderTheDeviceIsNotDeliveringIsRejected() {
        String deviceId = "courier-" + UUID.randomUUID();
        String orderId = UUID.randomUUID().toString();
        try (DeviceClient device = DeviceClient.online(vertx, deviceId)) {
            sendOrderEvent(OrderEvents.dispatched(orderId, "bob", deviceId, DEST_LAT, DEST_LON, null));
            await().atMost(Wait.LONG).until(() -> device.commands().size() == 1);

            double before = Metrics.rejected("order-not-bound");
            device.delivered(UUID.randomUUID(), UUID.randomUUID().toString(), DEST_LAT, DEST_LON);
            await().atMost(Wait.LONG).until(() -> Metrics.rejected("order-not-bound") == before + 1);
            assertThat(count("select count(*) from order_binding where order_id = '" + orderId + "' and ended_at is null")).isEqualTo(1);
            assertThat(deliveryEvents(orderId)).noneMatch(m -> m.subject().equals("dispatch.delivery.completed"));
        }
    }

    @Test
    void aCancelledOrderEndsTheBindingAndANewDispatchSupersedesAnOldOne() {
        String deviceId = "courier-" + UUID.randomUUID();
        String cancelled = UUID.randomUUID().toString();
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        try (DeviceClient device = DeviceClient.online(vertx, deviceId)) {
            sendOrderEvent(OrderEvents.dispatched(cancelled, "carol", deviceId, DEST_LAT, DEST_LON, null));
            await().atMost(Wait.LONG).until(() -> device.commands().size() == 1);
            sendOrderEvent(OrderEvents.of("dispatch.order.cancelled", cancelled, "carol", "CANCELLED"));
            await().atMost(Wait.LONG).until(() -> count("select count(*) from order_binding where order_id = '" + cancelled
                    + "' and end_reason = 'cancelled'") == 1);
            assertThat(devices.getDevice(GetDeviceRequest.newBuilder().setDeviceId(deviceId).build()).getBoundOrderId()).isEmpty();

            sendOrderEvent(OrderEvents.dispatched(first, "carol", deviceId, DEST_LAT, DEST_LON, null));
            sendOrderEvent(OrderEvents.dispatched(second, "carol", deviceId, DEST_LAT, DEST_LON, null));
            await().atMost(Wait.LONG).until(() -> device.commands().size() == 3);
            assertThat(device.commands()).extracting(c -> c.getJsonObject("arguments").getString("orderId")).containsExactly(cancelled, first, second);
            assertThat(count("select count(*) from order_binding where order_id = '" + first + "' and end_reason = 'superseded'")).isEqualTo(1);
            assertThat(devices.getDevice(GetDeviceRequest.newBuilder().setDeviceId(deviceId).build()).getBoundOrderId()).isEqualTo(second);
            // Other order events are none of iot-ingest's business, and change nothing.
            sendOrderEvent(OrderEvents.of("dispatch.order.paid", second, "carol", "PAID"));
            sendOrderEvent(OrderEvents.of("dispatch.order.paid", second, "carol", "PAID").put("type", "dispatch.order.gift-wrapped"));
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() ->
                    count("select count(*) from order_binding where order_id = '" + second + "' and ended_at is null") == 1);
        }
    }

    @Test
    void poisonOrderEventsAreDeadLetteredWhileTheNextEventIsStillTaken() {
        String deviceId = "courier-" + UUID.randomUUID();
        String orderId = UUID.randomUUID().toString();
        long deadBefore = ArtemisTestResource.broker().messageCount("DLQ.order-events");
        double refusedBefore = refused();
        try (DeviceClient device = DeviceClient.online(vertx, deviceId)) {
            sendRaw("{not json".getBytes(StandardCharsets.UTF_8));
            JsonObject noDevice = OrderEvents.dispatched(UUID.randomUUID().toString(), "dave", deviceId, DEST_LAT, DEST_LON, null);
            noDevice.getJsonObject("data").remove("deviceId");
            sendOrderEvent(noDevice);
            JsonObject badAddress = OrderEvents.dispatched(UUID.randomUUID().toString(), "dave", deviceId, DEST_LAT, DEST_LON, null);
            badAddress.getJsonObject("data").getJsonObject("deliveryAddress").put("latitude", 123.0);
            sendOrderEvent(badAddress);
            sendOrderEvent(OrderEvents.dispatched(orderId, "dave", deviceId, DEST_LAT, DEST_LON, null));

            // The good event does not wait for the poison to be dead-lettered.
            await().atMost(Wait.LONG).until(() -> device.commands().size() == 1);
            assertThat(device.commands().get(0).getJsonObject("arguments").getString("orderId")).isEqualTo(orderId);
            await().atMost(Wait.LONG).until(() -> ArtemisTestResource.broker().messageCount("DLQ.order-events") == deadBefore + 3);
            // Each of the three was refused on each of its 5 deliveries, and counted.
            assertThat(refused() - refusedBefore).isEqualTo(15.0);
            List<String> bound = dev.dispatch.testsupport.postgres.TestDatabase.column(
                    "select order_id::text from order_binding where device_id = '" + deviceId + "'");
            assertThat(bound).containsExactly(orderId);
        }
    }

    private double refused() {
        var counter = meters.find("dispatch.events.refused").tag("address", "order-events").counter();
        return counter == null ? 0 : counter.count();
    }
}
