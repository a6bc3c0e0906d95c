package dev.dispatch.gateway.support;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

import com.google.protobuf.Any;
import com.google.protobuf.Timestamp;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;

import dev.dispatch.proto.sensor.v1.GetSensorRequest;
import dev.dispatch.proto.sensor.v1.ListSensorReadingsRequest;
import dev.dispatch.proto.sensor.v1.ListSensorReadingsResponse;
import dev.dispatch.proto.sensor.v1.ListSensorsRequest;
import dev.dispatch.proto.sensor.v1.ListSensorsResponse;
import dev.dispatch.proto.sensor.v1.ProvisionSensorRequest;
import dev.dispatch.proto.sensor.v1.RevokeSensorRequest;
import dev.dispatch.proto.sensor.v1.Sensor;
import dev.dispatch.proto.sensor.v1.SensorConfig;
import dev.dispatch.proto.sensor.v1.SensorCredentials;
import dev.dispatch.proto.sensor.v1.SensorReading;
import dev.dispatch.proto.sensor.v1.SensorService;
import dev.dispatch.proto.sensor.v1.UpdateSensorConfigRequest;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;

/**
 * An in-memory SensorService with the status codes and defaults of iot-ingest's, served by the test app like
 * {@link FakeDeviceService}. Tests provision sensors through the API, or with {@link #add}, and report readings as a
 * sensor's CoAP POST would ({@link #report}). The ids {@link #UNAVAILABLE_ID}, {@link #SLOW_ID} and {@link #BROKEN_ID}
 * (as a sensor id or a courier id) make calls fail, as does listing the sensors of {@link #SENSORS_DOWN_COURIER};
 * provisioning {@link #REJECTING_ID} is refused with INVALID_ARGUMENT naming {@code courier_device_id}, as iot-ingest
 * words a field violation. It counts calls per method ({@code provision}, {@code revoke}, {@code get}, {@code list},
 * {@code update}, {@code readings}) and keeps the requests it got.
 */
@GrpcService
public class FakeSensorService implements SensorService {

    public static final String UNAVAILABLE_ID = "down-503";
    public static final String SLOW_ID = "slow-504";
    /** Fails every call with INTERNAL: a backend fault. */
    public static final String BROKEN_ID = "broken-502";
    public static final String REJECTING_ID = "rejecting-400";
    /** A courier whose sensors cannot be listed (UNAVAILABLE); its id sorts after every other device in a page of devices. */
    public static final String SENSORS_DOWN_COURIER = "zz-sensors-down";

    private static final String KEY_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Sensor> sensors = new ConcurrentHashMap<>();
    private final Map<String, Deque<SensorReading>> readings = new ConcurrentHashMap<>();
    private final List<ProvisionSensorRequest> provisions = new CopyOnWriteArrayList<>();
    private final List<UpdateSensorConfigRequest> updates = new CopyOnWriteArrayList<>();
    private final List<ListSensorsRequest> lists = new CopyOnWriteArrayList<>();
    private final CallCounter calls = new CallCounter();

    /** A provisioned sensor with the default configuration, riding with {@code courierDeviceId} (empty: none). */
    public Sensor add(String id, String courierDeviceId) {
        Sensor sensor = Sensor.newBuilder().setId(id).setCourierDeviceId(courierDeviceId)
                .setConfig(SensorConfig.newBuilder().setReportIntervalSeconds(300).setMaxTemperatureC(8.0).setMaxShockG(4.0).setVersion(1))
                .setCredentialsActive(true).setProvisionedAt(now()).build();
        sensors.put(id, sensor);
        return sensor;
    }

    /** The sensor's courier is delivering this order, as iot-ingest's order binding says. */
    public void bind(String id, String orderId) {
        sensors.computeIfPresent(id, (k, s) -> s.toBuilder().setBoundOrderId(orderId).build());
    }

    /** A reading arrives from the sensor over CoAP: stored newest first, bound to the sensor's order if any. */
    public SensorReading report(String id, double temperatureC, double humidityPercent, double shockG, double batteryPercent) {
        Timestamp now = now();
        Sensor sensor = sensors.get(id);
        SensorReading reading = SensorReading.newBuilder().setSensorId(id).setSensorTime(now).setReceivedAt(now)
                .setTemperatureC(temperatureC).setHumidityPercent(humidityPercent).setShockG(shockG).setBatteryPercent(batteryPercent)
                .setOrderId(sensor == null ? "" : sensor.getBoundOrderId()).build();
        readings.computeIfAbsent(id, k -> new ConcurrentLinkedDeque<>()).addFirst(reading);
        sensors.computeIfPresent(id, (k, s) -> s.toBuilder().setLatest(reading).setLastSeenAt(now).build());
        return reading;
    }

    public List<ProvisionSensorRequest> provisions() {
        return List.copyOf(provisions);
    }

    public List<UpdateSensorConfigRequest> updates() {
        return List.copyOf(updates);
    }

    public List<ListSensorsRequest> lists() {
        return List.copyOf(lists);
    }

    /** Calls of a method so far: provision, revoke, get, list, update, readings. */
    public int calls(String method) {
        return calls.calls(method);
    }

    public int calls(String method, String key) {
        return calls.calls(method, key);
    }

    @Override
    public Uni<SensorCredentials> provisionSensor(ProvisionSensorRequest request) {
        calls.count("provision", request.getSensorId());
        Uni<Sensor> failure = failing(request.getSensorId());
        if (failure != null) {
            return failure.replaceWith(SensorCredentials.getDefaultInstance());
        }
        if (request.getSensorId().equals(REJECTING_ID)) {
            return Uni.createFrom().failure(StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                    .setCode(Code.INVALID_ARGUMENT_VALUE)
                    .setMessage("1 field is not valid")
                    .addDetails(Any.pack(BadRequest.newBuilder().addFieldViolations(BadRequest.FieldViolation.newBuilder()
                            .setField("courier_device_id").setDescription("is no courier device this service knows")).build()))
                    .build()));
        }
        provisions.add(request);
        Sensor sensor = sensors.compute(request.getSensorId(), (id, old) -> {
            SensorConfig.Builder config = old == null
                    ? SensorConfig.newBuilder().setReportIntervalSeconds(300).setMaxTemperatureC(8.0).setMaxShockG(4.0).setVersion(1)
                    : old.getConfig().toBuilder().setVersion(old.getConfig().getVersion() + 1);
            if (request.hasReportIntervalSeconds()) {
                config.setReportIntervalSeconds(request.getReportIntervalSeconds());
            }
            if (request.hasMaxTemperatureC()) {
                config.setMaxTemperatureC(request.getMaxTemperatureC());
            }
            if (request.hasMaxShockG()) {
                config.setMaxShockG(request.getMaxShockG());
            }
            Sensor.Builder next = old == null ? Sensor.newBuilder().setId(id) : old.toBuilder();
            return next.setCourierDeviceId(request.getCourierDeviceId()).setConfig(config).setCredentialsActive(true)
                    .setProvisionedAt(now()).build();
        });
        return Uni.createFrom().item(SensorCredentials.newBuilder().setSensor(sensor).setPskIdentity(sensor.getId()).setPskKey(key()).build());
    }

    @Override
    public Uni<Sensor> revokeSensor(RevokeSensorRequest request) {
        calls.count("revoke", request.getSensorId());
        return orFailing(request.getSensorId())
                .map(s -> sensors.computeIfPresent(s.getId(), (k, old) -> old.toBuilder().setCredentialsActive(false).build()));
    }

    @Override
    public Uni<Sensor> getSensor(GetSensorRequest request) {
        calls.count("get", request.getSensorId());
        return orFailing(request.getSensorId());
    }

    @Override
    public Uni<ListSensorsResponse> listSensors(ListSensorsRequest request) {
        calls.count("list", String.join(",", request.getCourierDeviceIdsList()));
        lists.add(request);
        if (request.getCourierDeviceIdsCount() > 100) {
            return fail(Status.INVALID_ARGUMENT.withDescription("courier_device_ids: at most 100"));
        }
        for (String id : request.getCourierDeviceIdsList()) {
            Uni<Sensor> failure = id.equals(SENSORS_DOWN_COURIER) ? fail(Status.UNAVAILABLE.withDescription("sensor store unavailable"))
                    : failing(id);
            if (failure != null) {
                return failure.replaceWith(ListSensorsResponse.getDefaultInstance());
            }
        }
        List<Sensor> matching = sensors.values().stream()
                .filter(s -> request.getCourierDeviceIdsCount() == 0 || request.getCourierDeviceIdsList().contains(s.getCourierDeviceId()))
                .sorted(Comparator.comparing(Sensor::getId))
                .toList();
        return Uni.createFrom().item(ListSensorsResponse.newBuilder().addAllSensors(matching).build());
    }

    @Override
    public Uni<Sensor> updateSensorConfig(UpdateSensorConfigRequest request) {
        calls.count("update", request.getSensorId());
        return orFailing(request.getSensorId()).map(known -> {
            updates.add(request);
            return sensors.computeIfPresent(known.getId(), (k, old) -> {
                SensorConfig.Builder config = old.getConfig().toBuilder().setVersion(old.getConfig().getVersion() + 1);
                if (request.hasReportIntervalSeconds()) {
                    config.setReportIntervalSeconds(request.getReportIntervalSeconds());
                }
                if (request.hasMaxTemperatureC()) {
                    config.setMaxTemperatureC(request.getMaxTemperatureC());
                }
                if (request.hasMaxShockG()) {
                    config.setMaxShockG(request.getMaxShockG());
                }
                Sensor.Builder next = old.toBuilder().setConfig(config);
                if (!request.getCourierDeviceId().isEmpty()) {
                    next.setCourierDeviceId(request.getCourierDeviceId());
                }
                return next.build();
            });
        });
    }

    @Override
    public Uni<ListSensorReadingsResponse> listSensorReadings(ListSensorReadingsRequest request) {
        calls.count("readings", request.getSensorId());
        if (request.getLimit() < 0 || request.getLimit() > 500) {
            return fail(Status.INVALID_ARGUMENT.withDescription("limit: must be 1 to 500"));
        }
        int limit = request.getLimit() == 0 ? 20 : request.getLimit();
        return orFailing(request.getSensorId()).map(s -> {
            List<SensorReading> out = new ArrayList<>();
            readings.getOrDefault(s.getId(), new ConcurrentLinkedDeque<>()).stream().limit(limit).forEach(out::add);
            return ListSensorReadingsResponse.newBuilder().addAllReadings(out).build();
        });
    }

    /** The failure a special id asks for, or null. */
    private Uni<Sensor> failing(String id) {
        return switch (id) {
            case UNAVAILABLE_ID -> fail(Status.UNAVAILABLE.withDescription("sensor store unavailable, try again"));
            case SLOW_ID -> Uni.createFrom().nothing();
            case BROKEN_ID -> fail(Status.INTERNAL.withDescription("internal error"));
            default -> null;
        };
    }

    private Uni<Sensor> orFailing(String id) {
        Uni<Sensor> failure = failing(id);
        if (failure != null) {
            return failure;
        }
        Sensor sensor = sensors.get(id);
        return sensor == null ? fail(Status.NOT_FOUND.withDescription("no sensor " + id)) : Uni.createFrom().item(sensor);
    }

    /** 24 printable ASCII characters, letters and digits, as iot-ingest makes a pre-shared key. */
    private static String key() {
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            key.append(KEY_CHARACTERS.charAt(RANDOM.nextInt(KEY_CHARACTERS.length())));
        }
        return key.toString();
    }

    private static Timestamp now() {
        Instant now = Instant.now();
        return Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()).build();
    }

    private static <T> Uni<T> fail(Status status) {
        return Uni.createFrom().failure(status.asRuntimeException());
    }
}
