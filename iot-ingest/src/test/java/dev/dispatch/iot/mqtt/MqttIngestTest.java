package dev.dispatch.iot.mqtt;

import static dev.dispatch.iot.support.Db.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.dispatch.iot.support.DeviceClient;
import dev.dispatch.iot.support.Metrics;
import dev.dispatch.iot.support.Operator;
import dev.dispatch.iot.support.Wait;
import dev.dispatch.proto.device.v1.Device;
import dev.dispatch.proto.device.v1.DeviceServiceGrpc;
import dev.dispatch.proto.device.v1.DeviceStatus;
import dev.dispatch.proto.device.v1.GetDeviceRequest;
import dev.dispatch.proto.device.v1.ListTelemetryRequest;
import dev.dispatch.proto.device.v1.Telemetry;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Devices over real MQTT: registration by the first online, readings stored in batches and visible through
 * ListTelemetry and the latest state, and every kind of bad message rejected with its reason counted, while the
 * next good message is still stored.
 */
@QuarkusTest
class MqttIngestTest {

    @GrpcClient("devices")
    DeviceServiceGrpc.DeviceServiceBlockingStub anonymous;

    /** The client with the token the gateway sends for an operator. */
    private DeviceServiceGrpc.DeviceServiceBlockingStub devices;

    @BeforeEach
    void callAsAnOperator() {
        devices = Operator.calling(anonymous);
    }

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void closeVertx() {
        Wait.on(vertx.close());
    }

    @Test
    void aDeviceIsRegisteredByItsFirstOnlineAndItsReadingsAreStoredNewestFirst() {
        String id = "tracker-" + UUID.randomUUID();
        try (DeviceClient device = DeviceClient.online(vertx, id)) {
            await().atMost(Wait.LONG).until(() -> exists(id));
            Device registered = devices.getDevice(GetDeviceRequest.newBuilder().setDeviceId(id).build());
            assertThat(registered.getStatus()).isEqualTo(DeviceStatus.DEVICE_STATUS_ONLINE);
            assertThat(registered.hasLatest()).isFalse();

            double storedBefore = Metrics.stored();
            Instant t0 = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS);
            for (int i = 0; i < 5; i++) {
                device.telemetry(t0.plusSeconds(i), 52.50 + i * 0.001, 13.40, 4.0 + i, 90 - i);
            }

            await().atMost(Wait.LONG).until(() -> readings(id, 10).size() == 5);
            List<Telemetry> newestFirst = readings(id, 3);
            assertThat(newestFirst).extracting(t -> t.getDeviceTime().getSeconds())
                    .containsExactly(t0.plusSeconds(4).getEpochSecond(), t0.plusSeconds(3).getEpochSecond(), t0.plusSeconds(2).getEpochSecond());
            assertThat(newestFirst.get(0).getCargoTemperatureC()).isEqualTo(8.0);
            assertThat(newestFirst.get(0).getBatteryPercent()).isEqualTo(86.0);
            assertThat(Metrics.stored()).isGreaterThanOrEqualTo(storedBefore + 5);

            Device latest = devices.getDevice(GetDeviceRequest.newBuilder().setDeviceId(id).build());
            assertThat(latest.getLatest().getLatitude()).isEqualTo(52.504);
            assertThat(latest.getLatest().getDeviceTime().getSeconds()).isEqualTo(t0.plusSeconds(4).getEpochSecond());
            assertThat(latest.getLastSeenAt().getSeconds()).isGreaterThanOrEqualTo(registered.getRegisteredAt().getSeconds());
        }
    }

    @Test
    void aReadingTheBrokerDeliversTwiceIsStoredOnce() {
        String id = "tracker-" + UUID.randomUUID();
        try (DeviceClient device = DeviceClient.online(vertx, id)) {
            await().atMost(Wait.LONG).until(() -> exists(id));
            Instant t = Instant.now().minusSeconds(5);
            device.telemetry(t, 52.5, 13.4, 4, 80);
            device.telemetry(t, 52.5, 13.4, 4, 80);
            device.telemetry(t.plusSeconds(1), 52.5, 13.4, 4, 80);
            await().atMost(Wait.LONG).until(() -> count("select count(*) from telemetry where device_id = '" + id + "'") == 2);
        }
    }

    @Test
    void everyKindOfBadMessageIsRejectedWithItsReasonAndTheNextGoodOneIsStored() {
        String id = "tracker-" + UUID.randomUUID();
        String unregistered = "tracker-" + UUID.randomUUID();
        try (DeviceClient device = DeviceClient.online(vertx, id); DeviceClient stranger = DeviceClient.connect(vertx, unregistered)) {
            await().atMost(Wait.LONG).until(() -> exists(id));
            String telemetry = "devices/" + id + "/telemetry";
            Instant now = Instant.now();
            JsonObject good = DeviceClient.reading(id, now.minusSeconds(60), 52.5, 13.4, 5, 80);

            reject("malformed-json", () -> device.publish(telemetry, "{not json", false));
            reject("malformed-json", () -> device.publish(telemetry, "[1,2]", false));
            reject("missing-field", () -> device.publish(telemetry, good.copy().putNull("latitude").encode(), false));
            reject("missing-field", () -> {
                JsonObject noBattery = good.copy();
                noBattery.remove("batteryPercent");
                device.publish(telemetry, noBattery.encode(), false);
            });
            reject("invalid-field", () -> device.publish(telemetry, good.copy().put("latitude", "north").encode(), false));
            reject("invalid-field", () -> device.publish(telemetry, good.copy().put("deviceTime", "yesterday").encode(), false));
            reject("out-of-range", () -> device.publish(telemetry, good.copy().put("latitude", 91.0).encode(), false));
            reject("out-of-range", () -> device.publish(telemetry, good.copy().put("cargoTemperatureC", -60).encode(), false));
            reject("out-of-range", () -> device.publish(telemetry, good.copy().put("batteryPercent", 101).encode(), false));
            reject("out-of-range", () -> device.publish(telemetry, good.copy().put("deviceTime", now.plusSeconds(600).toString()).encode(), false));
            reject("device-id-mismatch", () -> device.publish(telemetry, good.copy().put("deviceId", "someone-else").encode(), false));
            reject("oversized", () -> device.publish(telemetry, good.copy().put("padding", "x".repeat(5000)).encode(), false));
            // Far beyond the MQTT client's default limit (8092 bytes), which would drop the link rather than reject.
            reject("oversized", () -> device.publish(telemetry, good.copy().put("padding", "x".repeat(100_000)).encode(), false));
            reject("unknown-topic", () -> device.publish("devices/" + id + "/gossip", good.encode(), false));
            reject("unknown-topic", () -> device.publish("devices/" + id + "/telemetry/extra", good.encode(), false));
            reject("unregistered-device", () -> stranger.publish("devices/" + unregistered + "/telemetry",
                    DeviceClient.reading(unregistered, now, 52.5, 13.4, 5, 80).encode(), false));
            reject("invalid-field", () -> device.publish("devices/" + id + "/status", "{\"status\":\"asleep\"}", false));
            reject("invalid-field", () -> device.publish("devices/" + id + "/events", new JsonObject().put("eventId", UUID.randomUUID().toString())
                    .put("deviceId", id).put("type", "teleported").put("deviceTime", now.toString()).encode(), false));
            reject("missing-field", () -> device.publish("devices/" + id + "/events", new JsonObject().put("deviceId", id)
                    .put("type", "door-opened").put("deviceTime", now.toString()).encode(), false));

            // Not one of them was stored, and ingest goes on: the next good reading is.
            assertThat(count("select count(*) from telemetry where device_id in ('" + id + "', '" + unregistered + "')")).isZero();
            device.publish(telemetry, good.encode(), false);
            await().atMost(Wait.LONG).until(() -> readings(id, 5).size() == 1);
            assertThat(exists(unregistered)).isFalse();
        }
    }

    @Test
    void deviceEventsOtherThanDeliveryAreAcceptedAndCounted() {
        String id = "tracker-" + UUID.randomUUID();
        try (DeviceClient device = DeviceClient.online(vertx, id)) {
            await().atMost(Wait.LONG).until(() -> exists(id));
            double before = Metrics.accepted("event");
            device.event(new JsonObject().put("eventId", UUID.randomUUID().toString()).put("deviceId", id)
                    .put("type", "door-opened").put("deviceTime", Instant.now().toString()));
            device.event(new JsonObject().put("eventId", UUID.randomUUID().toString()).put("deviceId", id)
                    .put("type", "command-ack").put("deviceTime", Instant.now().toString()).put("commandId", UUID.randomUUID().toString())
                    .put("outcome", "done"));
            await().atMost(Wait.LONG).until(() -> Metrics.accepted("event") == before + 2);
        }
    }

    private static void reject(String reason, Runnable send) {
        double before = Metrics.rejected(reason);
        send.run();
        await().atMost(Wait.LONG).until(() -> Metrics.rejected(reason) >= before + 1);
    }

    private List<Telemetry> readings(String id, int limit) {
        return devices.listTelemetry(ListTelemetryRequest.newBuilder().setDeviceId(id).setLimit(limit).build()).getReadingsList();
    }

    private boolean exists(String id) {
        try {
            devices.getDevice(GetDeviceRequest.newBuilder().setDeviceId(id).build());
            return true;
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }
}
