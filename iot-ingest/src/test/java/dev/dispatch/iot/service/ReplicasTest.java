package dev.dispatch.iot.service;

import static dev.dispatch.iot.support.Db.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.dispatch.iot.model.DeviceStatus;
import dev.dispatch.iot.model.Reading;
import dev.dispatch.iot.model.Rejected;
import dev.dispatch.iot.support.BrokerTest;
import dev.dispatch.iot.support.Db;
import dev.dispatch.iot.support.Operator;
import dev.dispatch.iot.support.OrderEvents;
import dev.dispatch.iot.support.Wait;
import dev.dispatch.proto.device.v1.CommandType;
import dev.dispatch.proto.device.v1.DeviceService;
import dev.dispatch.proto.device.v1.DeviceServiceGrpc;
import dev.dispatch.proto.device.v1.GetDeviceRequest;
import dev.dispatch.proto.device.v1.ListDevicesRequest;
import dev.dispatch.proto.device.v1.SendCommandRequest;
import dev.dispatch.proto.device.v1.Telemetry;
import dev.dispatch.proto.device.v1.WatchTelemetryRequest;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.inject.Inject;

/**
 * Replicas share nothing but the broker and the database: each batch is decided from the rows it locked, so what one
 * replica did (registered a device, bound it through an order event, stored a reading) is what the next batch or read
 * of any replica sees, and two replicas deciding for the same device at once still alert once per episode. A second
 * replica is played by the same batch transaction run concurrently, and by writes straight to the database (a
 * replica's memory sees none of them).
 */
@QuarkusTest
class ReplicasTest extends BrokerTest {

    private static final Runnable NOTHING = () -> {
    };

    @Inject
    IngestTransaction batches;

    @GrpcClient("devices")
    DeviceServiceGrpc.DeviceServiceBlockingStub anonymous;

    @GrpcClient("devices")
    DeviceService anonymousReactive;

    private DeviceServiceGrpc.DeviceServiceBlockingStub devices;
    private DeviceService reactive;
    private final List<Rejected> rejected = new CopyOnWriteArrayList<>();

    @BeforeEach
    void callAsAnOperator() {
        devices = Operator.calling(anonymous);
        reactive = Operator.calling(anonymousReactive);
    }

    @Test
    void twoReplicasDecidingReadingsOfOneDeviceAtOnceAlertOncePerEpisode() {
        String deviceId = "courier-" + UUID.randomUUID();
        String orderId = UUID.randomUUID().toString();
        commit(List.of(IngestEntry.status(deviceId, DeviceStatus.ONLINE, Instant.now(), NOTHING, rejected::add)));
        sendOrderEvent(OrderEvents.dispatched(orderId, "ida", deviceId, 52.53, 13.38, 8.0));
        await().atMost(Wait.LONG).until(() -> count("select count(*) from order_binding where order_id = '" + orderId + "'") == 1);

        Instant t = Instant.now().minus(1, ChronoUnit.HOURS);
        int rounds = 5;
        for (int round = 0; round < rounds; round++) {
            Instant start = t.plusSeconds(round * 100L);
            // Two replicas, each with a batch of readings above the limit (and a low battery), committing at once.
            List<IngestEntry> first = readings(deviceId, start, 10, 12.0, 10);
            List<IngestEntry> second = readings(deviceId, start.plusSeconds(20), 10, 12.5, 10);
            Uni.join().all(batches.commit(first), batches.commit(second)).andFailFast().await().atMost(Wait.LONG);
            // Back at the limit: the episode ends.
            commit(readings(deviceId, start.plusSeconds(50), 1, 8.0, 10));
        }

        assertThat(rejected).isEmpty();
        assertThat(outbox(deviceId, "dispatch.device.alert.temperature")).isEqualTo(rounds);
        assertThat(outbox(deviceId, "dispatch.device.alert.battery")).isEqualTo(1); // never recovered: one episode
        await().atMost(Wait.LONG).until(() -> alerts(deviceId).size() == rounds + 1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> alerts(deviceId).size() == rounds + 1);
    }

    @Test
    void aBindingMadeThroughAnOrderEventOrAnotherReplicaDecidesTheNextBatch() {
        String deviceId = "courier-" + UUID.randomUUID();
        commit(List.of(IngestEntry.status(deviceId, DeviceStatus.ONLINE, Instant.now(), NOTHING, rejected::add)));
        Instant t = Instant.now().minus(1, ChronoUnit.HOURS);

        // Bound by an order event, taken by the AMQP consumer (any replica's: they compete on the queue).
        String byEvent = UUID.randomUUID().toString();
        sendOrderEvent(OrderEvents.dispatched(byEvent, "jo", deviceId, 52.53, 13.38, null));
        await().atMost(Wait.LONG).until(() -> count("select count(*) from order_binding where order_id = '" + byEvent + "'") == 1);
        IngestPlan plan = commit(readings(deviceId, t, 1, 4.0, 80));
        assertThat(plan.outcomes().get(0).binding().orderId()).hasToString(byEvent);
        assertThat(outbox(byEvent, "dispatch.delivery.progress")).isEqualTo(1);

        // Re-bound by another replica's transaction, straight in the database.
        String byOther = UUID.randomUUID().toString();
        Db.execute("update order_binding set ended_at = now(), end_reason = 'superseded' where order_id = '" + byEvent + "'",
                "insert into order_binding (order_id, device_id, customer_id, destination_latitude, destination_longitude) values ('"
                        + byOther + "', '" + deviceId + "', 'kim', 52.5, 13.4)");
        plan = commit(readings(deviceId, t.plusSeconds(1), 1, 4.0, 80));
        assertThat(plan.outcomes().get(0).binding().orderId()).hasToString(byOther);
        assertThat(outbox(byOther, "dispatch.delivery.progress")).isEqualTo(1);

        // Ended elsewhere: the next batch delivers nothing for it.
        Db.execute("update order_binding set ended_at = now(), end_reason = 'cancelled' where order_id = '" + byOther + "'");
        plan = commit(readings(deviceId, t.plusSeconds(10), 1, 4.0, 80));
        assertThat(plan.outcomes().get(0).binding()).isNull();
        assertThat(outbox(byOther, "dispatch.delivery.progress")).isEqualTo(1);
        assertThat(rejected).isEmpty();
    }

    @Test
    void aDeviceRegisteredByAnotherReplicaIsFoundByEveryReadAndCommand() {
        String deviceId = "elsewhere-" + UUID.randomUUID();
        // Unknown first: no read, command or ingest knows it.
        assertThat(commit(readings(deviceId, Instant.now().minusSeconds(60), 1, 4.0, 80)).outcomes().get(0).rejected()).isNotNull();
        rejected.clear();

        Db.execute("insert into device (id, status, registered_at, last_seen_at, announced_presence) values ('" + deviceId
                + "', 'ONLINE', now(), now(), 'AVAILABLE')");

        assertThat(devices.getDevice(GetDeviceRequest.newBuilder().setDeviceId(deviceId).build()).getStatus())
                .isEqualTo(dev.dispatch.proto.device.v1.DeviceStatus.DEVICE_STATUS_ONLINE);
        assertThat(devices.listDevices(ListDevicesRequest.newBuilder().addDeviceIds(deviceId).build()).getDevicesList()).hasSize(1);
        assertThat(devices.sendCommand(SendCommandRequest.newBuilder().setDeviceId(deviceId).setType(CommandType.COMMAND_TYPE_PING).build())
                .getCommandId()).isNotEmpty();

        // A watcher here hears of readings another replica stored (its NOTIFY), and reads them from the database.
        Instant t = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.SECONDS);
        Db.execute(reading(deviceId, t, 1));
        List<Telemetry> seen = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Cancellable watch = reactive.watchTelemetry(WatchTelemetryRequest.newBuilder().setDeviceId(deviceId).build())
                .subscribe().with(seen::add, failed::set);
        try {
            // The latest first: read once the watcher is registered, so from here on nothing is missed.
            await().atMost(Wait.LONG).until(() -> seen.size() == 1);
            Db.execute(reading(deviceId, t.plusSeconds(1), 2), reading(deviceId, t.plusSeconds(2), 3),
                    "select pg_notify('device_telemetry', 'another-replica " + deviceId + "')");
            await().atMost(Wait.LONG).until(() -> seen.size() >= 3);
            assertThat(seen).extracting(Telemetry::getCargoTemperatureC).containsExactly(1.0, 2.0, 3.0);
        } finally {
            watch.cancel();
        }
        assertThat(failed.get()).isNull();

        // And the next batch decides for it.
        IngestPlan plan = commit(readings(deviceId, Instant.now().minusSeconds(5), 1, 4.0, 80));
        assertThat(plan.outcomes().get(0).rejected()).isNull();
    }

    private IngestPlan commit(List<IngestEntry> entries) {
        return batches.commit(entries).await().atMost(Wait.LONG).plan();
    }

    private List<IngestEntry> readings(String deviceId, Instant from, int n, double temperature, double battery) {
        List<IngestEntry> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Reading reading = new Reading(deviceId, from.plusSeconds(i), Instant.now(), 52.5, 13.4, temperature, battery);
            entries.add(IngestEntry.reading(reading, NOTHING, rejected::add));
        }
        return entries;
    }

    private static String reading(String deviceId, Instant deviceTime, double temperature) {
        return "insert into telemetry (device_id, device_time, received_at, latitude, longitude, cargo_temperature_c, battery_percent)"
                + " values ('" + deviceId + "', '" + deviceTime + "', now(), 52.5, 13.4, " + temperature + ", 90)";
    }

    private static long outbox(String aggregateId, String type) {
        return count("select count(*) from outbox_event where aggregate_id = '" + aggregateId + "' and type = '" + type + "'");
    }
}
