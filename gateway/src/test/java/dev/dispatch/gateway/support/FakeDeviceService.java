package dev.dispatch.gateway.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

import com.google.protobuf.Any;
import com.google.protobuf.Timestamp;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;

import dev.dispatch.proto.device.v1.CourierPresence;
import dev.dispatch.proto.device.v1.Device;
import dev.dispatch.proto.device.v1.DeviceCredentials;
import dev.dispatch.proto.device.v1.DeviceService;
import dev.dispatch.proto.device.v1.DeviceStatus;
import dev.dispatch.proto.device.v1.GetDeviceRequest;
import dev.dispatch.proto.device.v1.IssueDeviceCredentialsRequest;
import dev.dispatch.proto.device.v1.ListDevicesRequest;
import dev.dispatch.proto.device.v1.ListDevicesResponse;
import dev.dispatch.proto.device.v1.ListTelemetryRequest;
import dev.dispatch.proto.device.v1.ListTelemetryResponse;
import dev.dispatch.proto.device.v1.RevokeDeviceCredentialsRequest;
import dev.dispatch.proto.device.v1.SendCommandRequest;
import dev.dispatch.proto.device.v1.SendCommandResponse;
import dev.dispatch.proto.device.v1.Telemetry;
import dev.dispatch.proto.device.v1.WatchTelemetryRequest;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * An in-memory DeviceService with the status codes of iot-ingest's, served by the test app like {@link FakeOrderService}.
 * Tests register devices and report readings as a device's MQTT messages would ({@link #register}, {@link #report});
 * the ids {@link #UNAVAILABLE_ID}, {@link #SLOW_ID}, {@link #BROKEN_ID} and {@link #REJECTING_ID} make calls fail. It counts calls per
 * method ({@code get}, {@code list}, {@code telemetry}, {@code command}, {@code watch}, {@code issue}, {@code revoke}), so that tests can prove what a
 * request cost. {@code courier-7}, where the order tests dispatch to, exists from the start.
 */
@GrpcService
public class FakeDeviceService implements DeviceService {

    public static final String COURIER = "courier-7";
    public static final String UNAVAILABLE_ID = "down-503";
    public static final String SLOW_ID = "slow-504";
    /** Fails every call with INTERNAL: a backend fault. */
    public static final String BROKEN_ID = "broken-502";
    /** Refuses every command with INVALID_ARGUMENT and a field violation, as iot-ingest words one. */
    public static final String REJECTING_ID = "rejecting-400";

    private final Map<String, Device> devices = new ConcurrentHashMap<>();
    private final Map<String, Deque<Telemetry>> readings = new ConcurrentHashMap<>();
    private final Map<String, BroadcastProcessor<Telemetry>> live = new ConcurrentHashMap<>();
    private final List<SendCommandRequest> commands = new CopyOnWriteArrayList<>();
    private final CallCounter calls = new CallCounter();

    public FakeDeviceService() {
        register(COURIER);
        report(COURIER, 52.52, 13.40, 5.5, 90);
        register(REJECTING_ID);
    }

    /** A device that said "online", as iot-ingest registers one. */
    public void register(String id) {
        Timestamp now = now();
        devices.put(id, Device.newBuilder().setId(id).setStatus(DeviceStatus.DEVICE_STATUS_ONLINE)
                .setPresence(CourierPresence.COURIER_PRESENCE_AVAILABLE).setRegisteredAt(now).setLastSeenAt(now).build());
    }

    public void offline(String id) {
        devices.computeIfPresent(id, (k, d) -> d.toBuilder().setStatus(DeviceStatus.DEVICE_STATUS_OFFLINE)
                .setPresence(CourierPresence.COURIER_PRESENCE_OFFLINE).build());
    }

    public void bind(String id, String orderId) {
        devices.computeIfPresent(id, (k, d) -> d.toBuilder().setBoundOrderId(orderId)
                .setPresence(d.getStatus() == DeviceStatus.DEVICE_STATUS_ONLINE ? CourierPresence.COURIER_PRESENCE_AWAY
                        : CourierPresence.COURIER_PRESENCE_OFFLINE).build());
    }

    /** A reading arrives from the device: stored newest first, and sent to whoever watches the device. */
    public Telemetry report(String id, double latitude, double longitude, double cargoTemperatureC, double batteryPercent) {
        Timestamp now = now();
        Telemetry reading = Telemetry.newBuilder().setDeviceId(id).setDeviceTime(now).setReceivedAt(now)
                .setLatitude(latitude).setLongitude(longitude)
                .setCargoTemperatureC(cargoTemperatureC).setBatteryPercent(batteryPercent).build();
        readings.computeIfAbsent(id, k -> new ConcurrentLinkedDeque<>()).addFirst(reading);
        devices.computeIfPresent(id, (k, d) -> d.toBuilder().setLatest(reading).setLastSeenAt(now).build());
        BroadcastProcessor<Telemetry> watchers = live.get(id);
        if (watchers != null) {
            watchers.onNext(reading);
        }
        return reading;
    }

    public List<SendCommandRequest> commands() {
        return List.copyOf(commands);
    }

    /** Calls of a method so far: get, list, telemetry, command, watch, issue, revoke. */
    public int calls(String method) {
        return calls.calls(method);
    }

    public int calls(String method, String key) {
        return calls.calls(method, key);
    }

    @Override
    public Uni<Device> getDevice(GetDeviceRequest request) {
        calls.count("get", request.getDeviceId());
        return orFailing(request.getDeviceId());
    }

    @Override
    public Uni<ListDevicesResponse> listDevices(ListDevicesRequest request) {
        calls.count("list", String.join(",", request.getDeviceIdsList()));
        if (request.getDeviceIdsCount() > 100) {
            return fail(Status.INVALID_ARGUMENT.withDescription("device_ids: at most 100"));
        }
        for (String id : request.getDeviceIdsList()) {
            Uni<Device> failure = failing(id);
            if (failure != null) {
                return failure.replaceWith(ListDevicesResponse.getDefaultInstance());
            }
        }
        int size = request.getPageSize() == 0 ? 20 : request.getPageSize();
        int from;
        try {
            from = request.getPageToken().isEmpty() ? 0 : Integer.parseInt(request.getPageToken());
        } catch (NumberFormatException e) {
            return fail(Status.INVALID_ARGUMENT.withDescription("page_token is not one this service gave out"));
        }
        List<Device> matching = devices.values().stream()
                .filter(d -> request.getDeviceIdsCount() == 0 || request.getDeviceIdsList().contains(d.getId()))
                .filter(d -> request.getStatus() == DeviceStatus.DEVICE_STATUS_UNSPECIFIED || d.getStatus() == request.getStatus())
                .sorted(Comparator.comparing(Device::getId))
                .toList();
        boolean more = from + size < matching.size();
        return Uni.createFrom().item(ListDevicesResponse.newBuilder().addAllDevices(matching.stream().skip(from).limit(size).toList())
                .setNextPageToken(more ? String.valueOf(from + size) : "").build());
    }

    @Override
    public Uni<ListTelemetryResponse> listTelemetry(ListTelemetryRequest request) {
        List<String> ids = request.getDeviceId().isEmpty() ? request.getDeviceIdsList() : List.of(request.getDeviceId());
        calls.count("telemetry", String.join(",", ids));
        if (request.getLimit() < 0 || request.getLimit() > 500) {
            return fail(Status.INVALID_ARGUMENT.withDescription("limit: must be 1 to 500"));
        }
        for (String id : ids) {
            Uni<Device> failure = failing(id);
            if (failure != null) {
                return failure.replaceWith(ListTelemetryResponse.getDefaultInstance());
            }
        }
        int limit = request.getLimit() == 0 ? 20 : request.getLimit();
        List<Telemetry> out = new ArrayList<>();
        ids.forEach(id -> readings.getOrDefault(id, new ConcurrentLinkedDeque<>()).stream().limit(limit).forEach(out::add));
        return Uni.createFrom().item(ListTelemetryResponse.newBuilder().addAllReadings(out).build());
    }

    @Override
    public Uni<SendCommandResponse> sendCommand(SendCommandRequest request) {
        calls.count("command", request.getDeviceId());
        if (request.getDeviceId().equals(REJECTING_ID)) {
            return Uni.createFrom().failure(StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                    .setCode(Code.INVALID_ARGUMENT_VALUE)
                    .setMessage("1 field is not valid")
                    .addDetails(Any.pack(BadRequest.newBuilder().addFieldViolations(BadRequest.FieldViolation.newBuilder()
                            .setField("type").setDescription("this device has no cargo lock")).build()))
                    .build()));
        }
        return orFailing(request.getDeviceId()).map(device -> {
            commands.add(request);
            return SendCommandResponse.newBuilder().setCommandId(UUID.randomUUID().toString())
                    .setDeviceId(device.getId()).setSentAt(now()).build();
        });
    }

    /**
     * As iot-ingest: registers an unknown device (offline, never seen), and answers a fresh password of 32 letters and
     * digits with the device, its credentials active.
     */
    @Override
    public Uni<DeviceCredentials> issueDeviceCredentials(IssueDeviceCredentialsRequest request) {
        String id = request.getDeviceId();
        calls.count("issue", id);
        Uni<Device> failure = failing(id);
        if (failure != null) {
            return failure.replaceWith(DeviceCredentials.getDefaultInstance());
        }
        Device device = devices.compute(id, (k, d) -> (d != null ? d.toBuilder()
                : Device.newBuilder().setId(id).setStatus(DeviceStatus.DEVICE_STATUS_OFFLINE)
                        .setPresence(CourierPresence.COURIER_PRESENCE_OFFLINE).setRegisteredAt(now()))
                .setCredentialsActive(true).build());
        String password = UUID.randomUUID().toString().replace("-", "");
        return Uni.createFrom().item(DeviceCredentials.newBuilder().setDevice(device).setUsername(id).setPassword(password).build());
    }

    @Override
    public Uni<Device> revokeDeviceCredentials(RevokeDeviceCredentialsRequest request) {
        calls.count("revoke", request.getDeviceId());
        return orFailing(request.getDeviceId())
                .map(known -> devices.computeIfPresent(known.getId(), (k, d) -> d.toBuilder().setCredentialsActive(false).build()));
    }

    @Override
    public Multi<Telemetry> watchTelemetry(WatchTelemetryRequest request) {
        calls.count("watch", request.getDeviceId());
        if (!devices.containsKey(request.getDeviceId())) {
            return Multi.createFrom().failure(Status.NOT_FOUND.withDescription("no device " + request.getDeviceId()).asRuntimeException());
        }
        return live.computeIfAbsent(request.getDeviceId(), k -> BroadcastProcessor.create());
    }

    /** The failure a special id asks for, or null. */
    private Uni<Device> failing(String id) {
        return switch (id) {
            case UNAVAILABLE_ID -> fail(Status.UNAVAILABLE.withDescription("device store unavailable, try again"));
            case SLOW_ID -> Uni.createFrom().nothing();
            case BROKEN_ID -> fail(Status.INTERNAL.withDescription("internal error"));
            default -> null;
        };
    }

    private Uni<Device> orFailing(String id) {
        Uni<Device> failure = failing(id);
        return failure != null ? failure : known(id);
    }

    private Uni<Device> known(String id) {
        Device device = devices.get(id);
        return device == null ? fail(Status.NOT_FOUND.withDescription("no device " + id)) : Uni.createFrom().item(device);
    }

    private static Timestamp now() {
        Instant now = Instant.now();
        return Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()).build();
    }

    private static <T> Uni<T> fail(Status status) {
        return Uni.createFrom().failure(status.asRuntimeException());
    }
}
