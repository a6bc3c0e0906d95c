package dev.dispatch.iot.grpc;

import static dev.dispatch.iot.support.Db.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.rpc.BadRequest;

import dev.dispatch.iot.model.DevicePasswords;
import dev.dispatch.iot.support.BrokerLogins;
import dev.dispatch.iot.support.DeviceClient;
import dev.dispatch.iot.support.Operator;
import dev.dispatch.iot.support.Wait;
import dev.dispatch.proto.device.v1.CourierPresence;
import dev.dispatch.proto.device.v1.Device;
import dev.dispatch.proto.device.v1.DeviceCredentials;
import dev.dispatch.proto.device.v1.DeviceServiceGrpc;
import dev.dispatch.proto.device.v1.DeviceStatus;
import dev.dispatch.proto.device.v1.GetDeviceRequest;
import dev.dispatch.proto.device.v1.IssueDeviceCredentialsRequest;
import dev.dispatch.proto.device.v1.RevokeDeviceCredentialsRequest;
import dev.dispatch.testsupport.internal.InternalCallers;
import dev.dispatch.testsupport.postgres.TestDatabase;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;

/**
 * IssueDeviceCredentials and RevokeDeviceCredentials over real gRPC (issue #16), each checked where it matters: by the
 * broker's question to /internal/broker/device-logins, and in the database, which must never hold a password.
 */
@QuarkusTest
class DeviceCredentialsTest {

    @GrpcClient("devices")
    DeviceServiceGrpc.DeviceServiceBlockingStub anonymous;

    private DeviceServiceGrpc.DeviceServiceBlockingStub devices;
    private final Vertx vertx = Vertx.vertx();

    @BeforeEach
    void callAsAnOperator() {
        devices = Operator.calling(anonymous);
    }

    @AfterEach
    void closeVertx() {
        Wait.on(vertx.close());
    }

    @Test
    void issuingRegistersANewDeviceAndShowsItsPasswordOnce() {
        String id = newId();
        DeviceCredentials credentials = issue(id);

        assertThat(credentials.getUsername()).isEqualTo(id);
        assertThat(credentials.getPassword()).matches("[A-Za-z0-9]{32}");
        Device device = credentials.getDevice();
        assertThat(device.getId()).isEqualTo(id);
        assertThat(device.getCredentialsActive()).isTrue();
        // Never seen: registered, offline, until it says online.
        assertThat(device.getStatus()).isEqualTo(DeviceStatus.DEVICE_STATUS_OFFLINE);
        assertThat(device.getPresence()).isEqualTo(CourierPresence.COURIER_PRESENCE_OFFLINE);
        assertThat(device.hasRegisteredAt()).isTrue();
        assertThat(device.hasLastSeenAt()).isFalse();
        assertThat(devices.getDevice(GetDeviceRequest.newBuilder().setDeviceId(id).build())).isEqualTo(device);
        assertThat(TestDatabase.column("select status from device where id = '" + id + "'")).containsExactly("OFFLINE");

        BrokerLogins.login(id, credentials.getPassword()).statusCode(200).body("device", is(id));
    }

    @Test
    void theDatabaseHoldsOnlyTheHashOfThePassword() {
        String id = newId();
        String password = issue(id).getPassword();

        String row = TestDatabase.column("select row_to_json(c)::text from device_credential c where device_id = '" + id + "'").get(0);
        assertThat(row).doesNotContain(password);
        String hex = TestDatabase.column("select encode(password_hash, 'hex') || ' ' || (issued_at is not null and revoked_at is null)::text "
                + "from device_credential where device_id = '" + id + "'").get(0);
        assertThat(hex).isEqualTo(HexFormat.of().formatHex(DevicePasswords.hash(password)) + " true");
        // Nowhere else either: not as text, not as its bytes.
        assertThat(count("select count(*) from device d where row_to_json(d)::text like '%" + password + "%'")).isZero();
        assertThat(count("select count(*) from device_credential where position(convert_to('" + password + "', 'UTF8') in password_hash) > 0"))
                .isZero();
    }

    @Test
    void issuingAgainEndsTheEarlierPassword() {
        String id = newId();
        DeviceCredentials first = issue(id);
        DeviceCredentials second = issue(id);

        assertThat(second.getPassword()).matches("[A-Za-z0-9]{32}").isNotEqualTo(first.getPassword());
        assertThat(second.getDevice().getRegisteredAt()).isEqualTo(first.getDevice().getRegisteredAt());
        assertThat(second.getDevice().getCredentialsActive()).isTrue();
        BrokerLogins.login(id, first.getPassword()).statusCode(401).body("type", is("/problems/invalid-device-login"));
        BrokerLogins.login(id, second.getPassword()).statusCode(200).body("device", is(id));
    }

    @Test
    void aDeviceThatSpokeMqttKeepsItsStateAndAProvisionedOneComesOnline() {
        String known = newId();
        try (DeviceClient device = DeviceClient.online(vertx, known)) {
            await().atMost(Wait.LONG).until(() -> count("select count(*) from device where id = '" + known + "'") == 1);
            Device before = devices.getDevice(GetDeviceRequest.newBuilder().setDeviceId(known).build());
            assertThat(before.getCredentialsActive()).isFalse();

            Device after = issue(known).getDevice();
            assertThat(after.getStatus()).isEqualTo(DeviceStatus.DEVICE_STATUS_ONLINE);
            assertThat(after.getRegisteredAt()).isEqualTo(before.getRegisteredAt());
            assertThat(after.getCredentialsActive()).isTrue();
        }

        String provisioned = newId();
        issue(provisioned);
        try (DeviceClient device = DeviceClient.online(vertx, provisioned)) {
            await().atMost(Wait.LONG).until(() -> devices.getDevice(GetDeviceRequest.newBuilder().setDeviceId(provisioned).build())
                    .getPresence() == CourierPresence.COURIER_PRESENCE_AVAILABLE);
            await().atMost(Wait.LONG).until(() -> count("select count(*) from device where id = '" + provisioned + "' and status = 'ONLINE'") == 1);
            assertThat(devices.getDevice(GetDeviceRequest.newBuilder().setDeviceId(provisioned).build()).getCredentialsActive()).isTrue();
        }
    }

    @Test
    void revokingEndsThePasswordAndIssuingAgainGivesANewOne() {
        String id = newId();
        String password = issue(id).getPassword();

        Device revoked = devices.revokeDeviceCredentials(RevokeDeviceCredentialsRequest.newBuilder().setDeviceId(id).build());
        assertThat(revoked.getId()).isEqualTo(id);
        assertThat(revoked.getCredentialsActive()).isFalse();
        assertThat(devices.getDevice(GetDeviceRequest.newBuilder().setDeviceId(id).build()).getCredentialsActive()).isFalse();
        assertThat(TestDatabase.column("select (password_hash is null and revoked_at is not null)::text from device_credential "
                + "where device_id = '" + id + "'")).containsExactly("true");
        BrokerLogins.login(id, password).statusCode(401).body("type", is("/problems/invalid-device-login"));

        // Again: nothing changes.
        assertThat(devices.revokeDeviceCredentials(RevokeDeviceCredentialsRequest.newBuilder().setDeviceId(id).build())
                .getCredentialsActive()).isFalse();

        String next = issue(id).getPassword();
        BrokerLogins.login(id, next).statusCode(200);
        BrokerLogins.login(id, password).statusCode(401);
    }

    @Test
    void revokingADeviceThatHasNoPasswordChangesNothing() {
        String id = newId();
        try (DeviceClient device = DeviceClient.online(vertx, id)) {
            await().atMost(Wait.LONG).until(() -> count("select count(*) from device where id = '" + id + "'") == 1);
            Device answer = devices.revokeDeviceCredentials(RevokeDeviceCredentialsRequest.newBuilder().setDeviceId(id).build());
            assertThat(answer.getCredentialsActive()).isFalse();
            assertThat(answer.getStatus()).isEqualTo(DeviceStatus.DEVICE_STATUS_ONLINE);
            assertThat(count("select count(*) from device_credential where device_id = '" + id + "'")).isZero();
        }
    }

    @Test
    void unknownDevicesAreNotFoundAndBadIdsInvalid() {
        String unknown = newId();
        assertStatus(() -> devices.revokeDeviceCredentials(RevokeDeviceCredentialsRequest.newBuilder().setDeviceId(unknown).build()),
                Status.Code.NOT_FOUND);
        assertThat(count("select count(*) from device where id = '" + unknown + "'")).isZero();

        for (String bad : List.of("", "no spaces", "courier/1", "x".repeat(65), "ä")) {
            assertInvalid(() -> devices.issueDeviceCredentials(IssueDeviceCredentialsRequest.newBuilder().setDeviceId(bad).build()));
            assertInvalid(() -> devices.revokeDeviceCredentials(RevokeDeviceCredentialsRequest.newBuilder().setDeviceId(bad).build()));
        }
        assertThat(count("select count(*) from device where id in ('', 'no spaces', 'courier/1')")).isZero();
    }

    @Test
    void onlyOperatorsIssueAndRevoke() {
        String id = newId();
        for (String token : List.of(
                InternalCallers.customer("customer-1", Operator.AUDIENCE),
                InternalCallers.courier(id, Operator.AUDIENCE),
                InternalCallers.service("gateway", Operator.AUDIENCE))) {
            DeviceServiceGrpc.DeviceServiceBlockingStub caller = InternalCallers.as(anonymous, token);
            assertStatus(() -> caller.issueDeviceCredentials(IssueDeviceCredentialsRequest.newBuilder().setDeviceId(id).build()),
                    Status.Code.PERMISSION_DENIED);
            assertStatus(() -> caller.revokeDeviceCredentials(RevokeDeviceCredentialsRequest.newBuilder().setDeviceId(id).build()),
                    Status.Code.PERMISSION_DENIED);
        }
        assertThat(count("select count(*) from device where id = '" + id + "'")).isZero();
        assertStatus(() -> anonymous.issueDeviceCredentials(IssueDeviceCredentialsRequest.newBuilder().setDeviceId(id).build()),
                Status.Code.UNAUTHENTICATED);
    }

    private DeviceCredentials issue(String id) {
        return devices.issueDeviceCredentials(IssueDeviceCredentialsRequest.newBuilder().setDeviceId(id).build());
    }

    private static String newId() {
        return "cred-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void assertStatus(ThrowingCallable call, Status.Code code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(code);
            assertThat(e.getStatus().getDescription()).isNotBlank();
        });
    }

    /** INVALID_ARGUMENT with a BadRequest naming device_id. */
    private static void assertInvalid(ThrowingCallable call) {
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
            assertThat(fields).containsExactly("device_id");
        });
    }
}
