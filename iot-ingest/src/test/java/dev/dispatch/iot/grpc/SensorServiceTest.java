package dev.dispatch.iot.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.rpc.BadRequest;

import dev.dispatch.iot.support.Operator;
import dev.dispatch.iot.support.Sensors;
import dev.dispatch.proto.sensor.v1.GetSensorRequest;
import dev.dispatch.proto.sensor.v1.ListSensorReadingsRequest;
import dev.dispatch.proto.sensor.v1.ListSensorsRequest;
import dev.dispatch.proto.sensor.v1.ProvisionSensorRequest;
import dev.dispatch.proto.sensor.v1.RevokeSensorRequest;
import dev.dispatch.proto.sensor.v1.Sensor;
import dev.dispatch.proto.sensor.v1.SensorConfig;
import dev.dispatch.proto.sensor.v1.SensorCredentials;
import dev.dispatch.proto.sensor.v1.SensorServiceGrpc;
import dev.dispatch.proto.sensor.v1.UpdateSensorConfigRequest;
import dev.dispatch.testsupport.postgres.TestDatabase;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;

/** SensorService over real gRPC: provisioning, revocation, configuration, reads, and every bad input's status. */
@QuarkusTest
class SensorServiceTest {

    @GrpcClient("sensors")
    SensorServiceGrpc.SensorServiceBlockingStub anonymous;

    /** The client with the token the gateway sends for an operator. */
    private SensorServiceGrpc.SensorServiceBlockingStub sensors;

    @BeforeEach
    void callAsAnOperator() {
        sensors = Operator.calling(anonymous);
    }

    @Test
    void provisioningIssuesAFreshKeyShownOnceAndStoredEncrypted() {
        String id = Sensors.newId("tag");
        SensorCredentials first = sensors.provisionSensor(ProvisionSensorRequest.newBuilder().setSensorId(id).setCourierDeviceId("courier-7")
                .setReportIntervalSeconds(60).build());

        assertThat(first.getPskIdentity()).isEqualTo(id);
        assertThat(first.getPskKey()).matches("[A-Za-z0-9]{24}");
        Sensor sensor = first.getSensor();
        assertThat(sensor.getId()).isEqualTo(id);
        assertThat(sensor.getCourierDeviceId()).isEqualTo("courier-7");
        assertThat(sensor.getConfig()).isEqualTo(config(60, 8.0, 4.0, 1));
        assertThat(sensor.getCredentialsActive()).isTrue();
        assertThat(sensor.hasProvisionedAt()).isTrue();
        assertThat(sensor.hasLastSeenAt()).isFalse();
        assertThat(sensor.hasLatest()).isFalse();
        assertThat(sensors.getSensor(GetSensorRequest.newBuilder().setSensorId(id).build())).isEqualTo(sensor);

        // At rest: neither the key nor anything that contains it; a 96-bit nonce.
        String stored = TestDatabase.column("select encode(key_ciphertext, 'escape') || ' ' || length(key_nonce) from sensor_credential "
                + "where sensor_id = '" + id + "'").get(0);
        assertThat(stored).doesNotContain(first.getPskKey()).endsWith(" 12");

        // Again: a new key; what is not given stays, a new limit is a new configuration version.
        SensorCredentials second = sensors.provisionSensor(ProvisionSensorRequest.newBuilder().setSensorId(id).setMaxTemperatureC(6).build());
        assertThat(second.getPskKey()).matches("[A-Za-z0-9]{24}").isNotEqualTo(first.getPskKey());
        assertThat(second.getSensor().getCourierDeviceId()).isEqualTo("courier-7");
        assertThat(second.getSensor().getConfig()).isEqualTo(config(60, 6.0, 4.0, 2));
        assertThat(second.getSensor().getProvisionedAt()).isEqualTo(sensor.getProvisionedAt());
    }

    @Test
    void provisioningRefusesBadInputNamingTheField() {
        assertInvalid(() -> sensors.provisionSensor(ProvisionSensorRequest.getDefaultInstance()), "sensor_id");
        assertInvalid(() -> sensors.provisionSensor(ProvisionSensorRequest.newBuilder().setSensorId("tag 1").build()), "sensor_id");
        assertInvalid(() -> sensors.provisionSensor(ProvisionSensorRequest.newBuilder().setSensorId("x".repeat(65)).build()), "sensor_id");
        assertInvalid(() -> sensors.provisionSensor(ProvisionSensorRequest.newBuilder().setSensorId(Sensors.newId("tag"))
                .setCourierDeviceId("courier/1").build()), "courier_device_id");
        assertInvalid(() -> sensors.provisionSensor(ProvisionSensorRequest.newBuilder().setSensorId(Sensors.newId("tag"))
                .setReportIntervalSeconds(4).build()), "report_interval_seconds");
        assertInvalid(() -> sensors.provisionSensor(ProvisionSensorRequest.newBuilder().setSensorId(Sensors.newId("tag"))
                .setMaxTemperatureC(86).build()), "max_temperature_c");
        assertInvalid(() -> sensors.provisionSensor(ProvisionSensorRequest.newBuilder().setSensorId(Sensors.newId("tag"))
                .setMaxShockG(0).build()), "max_shock_g");
    }

    @Test
    void updatingChangesOnlyWhatIsSetAndAChangeIsANewVersion() {
        String id = Sensors.newId("tag");
        Sensors.provision(sensors, id, "courier-1");

        Sensor warmer = sensors.updateSensorConfig(UpdateSensorConfigRequest.newBuilder().setSensorId(id).setMaxTemperatureC(10).build());
        assertThat(warmer.getConfig()).isEqualTo(config(300, 10.0, 4.0, 2));
        Sensor same = sensors.updateSensorConfig(UpdateSensorConfigRequest.newBuilder().setSensorId(id).setMaxTemperatureC(10).build());
        assertThat(same.getConfig().getVersion()).isEqualTo(2);
        Sensor moved = sensors.updateSensorConfig(UpdateSensorConfigRequest.newBuilder().setSensorId(id).setCourierDeviceId("courier-2").build());
        assertThat(moved.getCourierDeviceId()).isEqualTo("courier-2");
        assertThat(moved.getConfig().getVersion()).isEqualTo(2); // the courier is not what the sensor observes

        assertInvalid(() -> sensors.updateSensorConfig(UpdateSensorConfigRequest.newBuilder().setSensorId(id).setReportIntervalSeconds(86_401)
                .build()), "report_interval_seconds");
        assertInvalid(() -> sensors.updateSensorConfig(UpdateSensorConfigRequest.newBuilder().setSensorId(id).setMaxShockG(100.5).build()),
                "max_shock_g");
        assertInvalid(() -> sensors.updateSensorConfig(UpdateSensorConfigRequest.newBuilder().setSensorId("bad id").build()), "sensor_id");
        assertStatus(() -> sensors.updateSensorConfig(UpdateSensorConfigRequest.newBuilder().setSensorId(Sensors.newId("never"))
                .setMaxShockG(5).build()), Status.Code.NOT_FOUND);
        assertThat(sensors.getSensor(GetSensorRequest.newBuilder().setSensorId(id).build()).getConfig()).isEqualTo(config(300, 10.0, 4.0, 2));
    }

    @Test
    void revokingDeletesTheKey() {
        String id = Sensors.newId("tag");
        Sensors.provision(sensors, id, null);

        Sensor revoked = sensors.revokeSensor(RevokeSensorRequest.newBuilder().setSensorId(id).build());
        assertThat(revoked.getCredentialsActive()).isFalse();
        assertThat(TestDatabase.column("select (key_ciphertext is null and key_nonce is null and revoked_at is not null)::text "
                + "from sensor_credential where sensor_id = '" + id + "'")).containsExactly("true");
        assertThat(sensors.revokeSensor(RevokeSensorRequest.newBuilder().setSensorId(id).build()).getCredentialsActive()).isFalse();

        assertStatus(() -> sensors.revokeSensor(RevokeSensorRequest.newBuilder().setSensorId(Sensors.newId("never")).build()), Status.Code.NOT_FOUND);
        assertInvalid(() -> sensors.revokeSensor(RevokeSensorRequest.getDefaultInstance()), "sensor_id");
    }

    @Test
    void listingByCourierAndReadsOfUnknownSensors() {
        String courierA = Sensors.newId("courier");
        String courierB = Sensors.newId("courier");
        String a1 = courierA + "-tag-1";
        String a2 = courierA + "-tag-2";
        String b1 = courierB + "-tag-1";
        Sensors.provision(sensors, a2, courierA);
        Sensors.provision(sensors, a1, courierA);
        Sensors.provision(sensors, b1, courierB);

        assertThat(sensors.listSensors(ListSensorsRequest.newBuilder().addCourierDeviceIds(courierA).build()).getSensorsList())
                .extracting(Sensor::getId).containsExactly(a1, a2);
        assertThat(sensors.listSensors(ListSensorsRequest.newBuilder().addCourierDeviceIds(courierA).addCourierDeviceIds(courierB)
                .addCourierDeviceIds(courierB).build()).getSensorsList()).extracting(Sensor::getId).containsExactlyInAnyOrder(a1, a2, b1)
                .isSorted();
        assertThat(sensors.listSensors(ListSensorsRequest.getDefaultInstance()).getSensorsList()).extracting(Sensor::getId)
                .contains(a1, a2, b1).isSorted();
        assertThat(sensors.listSensors(ListSensorsRequest.newBuilder().addCourierDeviceIds(Sensors.newId("nobody")).build()).getSensorsList())
                .isEmpty();

        assertInvalid(() -> sensors.listSensors(ListSensorsRequest.newBuilder().addCourierDeviceIds("bad id").build()), "courier_device_ids");
        assertInvalid(() -> sensors.listSensors(ListSensorsRequest.newBuilder().addAllCourierDeviceIds(Collections.nCopies(101, "c")).build()),
                "courier_device_ids");

        assertThat(sensors.listSensorReadings(ListSensorReadingsRequest.newBuilder().setSensorId(a1).build()).getReadingsList()).isEmpty();
        assertInvalid(() -> sensors.listSensorReadings(ListSensorReadingsRequest.newBuilder().setSensorId(a1).setLimit(501).build()), "limit");
        assertInvalid(() -> sensors.listSensorReadings(ListSensorReadingsRequest.newBuilder().setSensorId(a1).setLimit(-1).build()), "limit");
        assertInvalid(() -> sensors.listSensorReadings(ListSensorReadingsRequest.newBuilder().setSensorId("").build()), "sensor_id");
        assertStatus(() -> sensors.listSensorReadings(ListSensorReadingsRequest.newBuilder().setSensorId(Sensors.newId("never")).build()),
                Status.Code.NOT_FOUND);
        assertStatus(() -> sensors.getSensor(GetSensorRequest.newBuilder().setSensorId(Sensors.newId("never")).build()), Status.Code.NOT_FOUND);
        assertInvalid(() -> sensors.getSensor(GetSensorRequest.newBuilder().setSensorId("ä").build()), "sensor_id");
    }

    private static SensorConfig config(int interval, double temperature, double shock, long version) {
        return SensorConfig.newBuilder().setReportIntervalSeconds(interval).setMaxTemperatureC(temperature).setMaxShockG(shock)
                .setVersion(version).build();
    }

    private static void assertStatus(ThrowingCallable call, Status.Code code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(code);
            assertThat(e.getStatus().getDescription()).isNotBlank();
        });
    }

    /** INVALID_ARGUMENT with a BadRequest naming the field. */
    private static void assertInvalid(ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            List<String> fields = StatusProto.fromThrowable(e).getDetailsList().stream()
                    .filter(any -> any.is(BadRequest.class))
                    .flatMap(any -> {
                        try {
                            return any.unpack(BadRequest.class).getFieldViolationsList().stream();
                        } catch (com.google.protobuf.InvalidProtocolBufferException bad) {
                            throw new AssertionError(bad);
                        }
                    })
                    .map(BadRequest.FieldViolation::getField)
                    .toList();
            assertThat(fields).containsExactly(field);
        });
    }
}
