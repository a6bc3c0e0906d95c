package dev.dispatch.iot.grpc;

import static dev.dispatch.iot.support.Db.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.dispatch.iot.support.DeviceClient;
import dev.dispatch.iot.support.Operator;
import dev.dispatch.iot.support.Wait;
import dev.dispatch.proto.device.v1.CommandType;
import dev.dispatch.proto.device.v1.Device;
import dev.dispatch.proto.device.v1.DeviceService;
import dev.dispatch.proto.device.v1.DeviceServiceGrpc;
import dev.dispatch.proto.device.v1.DeviceStatus;
import dev.dispatch.proto.device.v1.GetDeviceRequest;
import dev.dispatch.proto.device.v1.ListDevicesRequest;
import dev.dispatch.proto.device.v1.ListDevicesResponse;
import dev.dispatch.proto.device.v1.ListTelemetryRequest;
import dev.dispatch.proto.device.v1.SendCommandRequest;
import dev.dispatch.proto.device.v1.SendCommandResponse;
import dev.dispatch.proto.device.v1.Telemetry;
import dev.dispatch.proto.device.v1.WatchTelemetryRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** DeviceService over real gRPC, against devices that really spoke MQTT. */
@QuarkusTest
class DeviceServiceTest {

    @GrpcClient("devices")
    DeviceServiceGrpc.DeviceServiceBlockingStub anonymous;

    @GrpcClient("devices")
    DeviceService anonymousReactive;

    /** The clients with the token the gateway sends for an operator. */
    private DeviceServiceGrpc.DeviceServiceBlockingStub devices;
    private DeviceService reactive;

    private final Vertx vertx = Vertx.vertx();

    @BeforeEach
    void callAsAnOperator() {
        devices = Operator.calling(anonymous);
        reactive = Operator.calling(anonymousReactive);
    }

    @AfterEach
    void closeVertx() {
        Wait.on(vertx.close());
    }

    @Test
    void getDeviceValidatesTheIdAndKnowsOnlyRegisteredDevices() {
        assertStatus(() -> devices.getDevice(GetDeviceRequest.newBuilder().setDeviceId("no spaces allowed").build()), Status.Code.INVALID_ARGUMENT);
        assertStatus(() -> devices.getDevice(GetDeviceRequest.getDefaultInstance()), Status.Code.INVALID_ARGUMENT);
        assertStatus(() -> devices.getDevice(GetDeviceRequest.newBuilder().setDeviceId("never-seen-" + UUID.randomUUID()).build()),
                Status.Code.NOT_FOUND);
    }

    @Test
    void listDevicesFiltersByStatusAndIdsAndPagesWithACursor() {
        String prefix = "fleet-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<String> ids = List.of(prefix + "a", prefix + "b", prefix + "c");
        List<DeviceClient> clients = new ArrayList<>();
        try {
            ids.forEach(id -> clients.add(DeviceClient.online(vertx, id)));
            clients.get(1).status("offline");
            await().atMost(Wait.LONG).until(() -> count("select count(*) from device where id like '" + prefix + "%' and status = 'OFFLINE'") == 1
                    && count("select count(*) from device where id like '" + prefix + "%'") == 3);

            ListDevicesResponse mine = devices.listDevices(ListDevicesRequest.newBuilder().addAllDeviceIds(ids).addDeviceIds(ids.get(0)).build());
            assertThat(mine.getDevicesList()).extracting(Device::getId).containsExactlyElementsOf(ids);
            assertThat(mine.getNextPageToken()).isEmpty();

            ListDevicesResponse online = devices.listDevices(ListDevicesRequest.newBuilder().addAllDeviceIds(ids)
                    .setStatus(DeviceStatus.DEVICE_STATUS_ONLINE).build());
            assertThat(online.getDevicesList()).extracting(Device::getId).containsExactly(ids.get(0), ids.get(2));

            ListDevicesResponse page1 = devices.listDevices(ListDevicesRequest.newBuilder().addAllDeviceIds(ids).setPageSize(2).build());
            assertThat(page1.getDevicesList()).extracting(Device::getId).containsExactly(ids.get(0), ids.get(1));
            ListDevicesResponse page2 = devices.listDevices(ListDevicesRequest.newBuilder().addAllDeviceIds(ids).setPageSize(2)
                    .setPageToken(page1.getNextPageToken()).build());
            assertThat(page2.getDevicesList()).extracting(Device::getId).containsExactly(ids.get(2));
            assertThat(page2.getNextPageToken()).isEmpty();

            // Everything, page by page, holds these three too.
            List<String> all = new ArrayList<>();
            String token = "";
            do {
                ListDevicesResponse page = devices.listDevices(ListDevicesRequest.newBuilder().setPageSize(100).setPageToken(token).build());
                page.getDevicesList().forEach(d -> all.add(d.getId()));
                token = page.getNextPageToken();
            } while (!token.isEmpty());
            assertThat(all).containsAll(ids).isSorted();
        } finally {
            clients.forEach(DeviceClient::close);
        }

        assertStatus(() -> devices.listDevices(ListDevicesRequest.newBuilder().setPageSize(101).build()), Status.Code.INVALID_ARGUMENT);
        assertStatus(() -> devices.listDevices(ListDevicesRequest.newBuilder().setPageSize(-1).build()), Status.Code.INVALID_ARGUMENT);
        assertStatus(() -> devices.listDevices(ListDevicesRequest.newBuilder().setPageToken("not-a-token").build()), Status.Code.INVALID_ARGUMENT);
        assertStatus(() -> devices.listDevices(ListDevicesRequest.newBuilder().addDeviceIds("bad id").build()), Status.Code.INVALID_ARGUMENT);
        assertStatus(() -> devices.listDevices(ListDevicesRequest.newBuilder().addAllDeviceIds(Collections.nCopies(101, "x")).build()),
                Status.Code.INVALID_ARGUMENT);
    }

    @Test
    void listTelemetryOfSeveralDevicesIsGroupedByDeviceNewestFirst() {
        String a = "multi-" + UUID.randomUUID();
        String b = "multi-" + UUID.randomUUID();
        try (DeviceClient da = DeviceClient.online(vertx, a); DeviceClient db = DeviceClient.online(vertx, b)) {
            await().atMost(Wait.LONG).until(() -> count("select count(*) from device where id in ('" + a + "', '" + b + "')") == 2);
            Instant t = Instant.now().minusSeconds(60);
            for (int i = 0; i < 3; i++) {
                da.telemetry(t.plusSeconds(i), 52.5, 13.4, 1 + i, 90);
                db.telemetry(t.plusSeconds(i), 48.1, 11.5, 10 + i, 90);
            }
            await().atMost(Wait.LONG).until(() -> count("select count(*) from telemetry where device_id in ('" + a + "', '" + b + "')") == 6);

            List<Telemetry> readings = devices.listTelemetry(ListTelemetryRequest.newBuilder().addDeviceIds(b).addDeviceIds("unknown-device")
                    .addDeviceIds(a).setLimit(2).build()).getReadingsList();
            assertThat(readings).extracting(Telemetry::getDeviceId).containsExactly(b, b, a, a);
            assertThat(readings).extracting(Telemetry::getCargoTemperatureC).containsExactly(12.0, 11.0, 3.0, 2.0);
        }
        assertStatus(() -> devices.listTelemetry(ListTelemetryRequest.newBuilder().setDeviceId(a).addDeviceIds(b).build()), Status.Code.INVALID_ARGUMENT);
        assertStatus(() -> devices.listTelemetry(ListTelemetryRequest.getDefaultInstance()), Status.Code.INVALID_ARGUMENT);
        assertStatus(() -> devices.listTelemetry(ListTelemetryRequest.newBuilder().setDeviceId(a).setLimit(501).build()), Status.Code.INVALID_ARGUMENT);
        assertStatus(() -> devices.listTelemetry(ListTelemetryRequest.newBuilder().addAllDeviceIds(Collections.nCopies(101, a)).build()),
                Status.Code.INVALID_ARGUMENT);
        assertStatus(() -> devices.listTelemetry(ListTelemetryRequest.newBuilder().setDeviceId("unknown-" + UUID.randomUUID()).build()),
                Status.Code.NOT_FOUND);
    }

    @Test
    void sendCommandPublishesToTheDevicesCommandsTopicAndRefusesBadCommands() {
        String id = "cmd-" + UUID.randomUUID();
        try (DeviceClient device = DeviceClient.online(vertx, id)) {
            await().atMost(Wait.LONG).until(() -> count("select count(*) from device where id = '" + id + "'") == 1);
            SendCommandResponse sent = devices.sendCommand(SendCommandRequest.newBuilder().setDeviceId(id)
                    .setType(CommandType.COMMAND_TYPE_SET_REPORT_INTERVAL).putArguments("seconds", "30").build());
            devices.sendCommand(SendCommandRequest.newBuilder().setDeviceId(id).setType(CommandType.COMMAND_TYPE_LOCK_CARGO).build());
            await().atMost(Wait.LONG).until(() -> device.commands().size() == 2);
            JsonObject command = device.commands().get(0);
            assertThat(command.getString("commandId")).isEqualTo(sent.getCommandId());
            assertThat(command.getString("type")).isEqualTo("set-report-interval");
            assertThat(command.getJsonObject("arguments").getMap()).containsExactly(java.util.Map.entry("seconds", "30"));
            assertThat(Instant.parse(command.getString("sentAt")).getEpochSecond()).isEqualTo(sent.getSentAt().getSeconds());
            assertThat(sent.getDeviceId()).isEqualTo(id);
            assertThat(device.commands().get(1).getString("type")).isEqualTo("lock-cargo");

            for (SendCommandRequest bad : List.of(
                    SendCommandRequest.newBuilder().setDeviceId(id).build(),
                    SendCommandRequest.newBuilder().setDeviceId(id).setTypeValue(99).build(),
                    SendCommandRequest.newBuilder().setDeviceId(id).setType(CommandType.COMMAND_TYPE_SET_REPORT_INTERVAL).build(),
                    SendCommandRequest.newBuilder().setDeviceId(id).setType(CommandType.COMMAND_TYPE_SET_REPORT_INTERVAL).putArguments("seconds", "0").build(),
                    SendCommandRequest.newBuilder().setDeviceId(id).setType(CommandType.COMMAND_TYPE_SET_REPORT_INTERVAL).putArguments("seconds", "3601").build(),
                    SendCommandRequest.newBuilder().setDeviceId(id).setType(CommandType.COMMAND_TYPE_SET_REPORT_INTERVAL).putArguments("seconds", "soon").build(),
                    SendCommandRequest.newBuilder().setDeviceId(id).setType(CommandType.COMMAND_TYPE_PING).putArguments("loud", "yes").build(),
                    SendCommandRequest.newBuilder().setDeviceId("bad id").setType(CommandType.COMMAND_TYPE_PING).build())) {
                assertStatus(() -> devices.sendCommand(bad), Status.Code.INVALID_ARGUMENT);
            }
            assertStatus(() -> devices.sendCommand(SendCommandRequest.newBuilder().setDeviceId("unknown-" + UUID.randomUUID())
                    .setType(CommandType.COMMAND_TYPE_PING).build()), Status.Code.NOT_FOUND);
            assertThat(device.commands()).hasSize(2);
        }
    }

    @Test
    void watchTelemetryStreamsTheLatestThenLiveReadingsAndEndsWhenTheClientCancels() {
        String id = "watched-" + UUID.randomUUID();
        try (DeviceClient device = DeviceClient.online(vertx, id)) {
            await().atMost(Wait.LONG).until(() -> count("select count(*) from device where id = '" + id + "'") == 1);
            Instant t = Instant.now().minusSeconds(60);
            device.telemetry(t, 52.5, 13.4, 1, 90);
            await().atMost(Wait.LONG).until(() -> devices.getDevice(GetDeviceRequest.newBuilder().setDeviceId(id).build()).hasLatest());

            List<Telemetry> seen = new CopyOnWriteArrayList<>();
            AtomicReference<Throwable> failed = new AtomicReference<>();
            Cancellable watch = reactive.watchTelemetry(WatchTelemetryRequest.newBuilder().setDeviceId(id).build())
                    .subscribe().with(seen::add, failed::set);
            await().atMost(Wait.LONG).until(() -> seen.size() == 1);
            assertThat(seen.get(0).getCargoTemperatureC()).isEqualTo(1.0);

            device.telemetry(t.plusSeconds(1), 52.5, 13.4, 2, 90);
            device.telemetry(t.plusSeconds(2), 52.5, 13.4, 3, 90);
            await().atMost(Wait.LONG).until(() -> seen.size() == 3);
            assertThat(seen).extracting(Telemetry::getCargoTemperatureC).containsExactly(1.0, 2.0, 3.0);

            watch.cancel();
            device.telemetry(t.plusSeconds(3), 52.5, 13.4, 4, 90);
            await().atMost(Wait.LONG).until(() -> count("select count(*) from telemetry where device_id = '" + id + "'") == 4);
            assertThat(seen).hasSize(3);
            assertThat(failed.get()).isNull();
        }

        AtomicReference<Throwable> unknown = new AtomicReference<>();
        reactive.watchTelemetry(WatchTelemetryRequest.newBuilder().setDeviceId("unknown-" + UUID.randomUUID()).build())
                .subscribe().with(item -> { }, unknown::set);
        await().atMost(Wait.LONG).until(() -> unknown.get() != null);
        assertThat(Status.fromThrowable(unknown.get()).getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }

    private static void assertStatus(ThrowingCallable call, Status.Code code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(code);
            assertThat(e.getStatus().getDescription()).isNotBlank();
        });
    }
}
