package dev.dispatch.iot.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.dispatch.iot.support.Operator;
import dev.dispatch.proto.device.v1.DeviceServiceGrpc;
import dev.dispatch.proto.device.v1.GetDeviceRequest;
import dev.dispatch.proto.device.v1.ListDevicesRequest;
import dev.dispatch.testsupport.internal.BadToken;
import dev.dispatch.testsupport.internal.GrpcAuthChecks;
import dev.dispatch.testsupport.internal.InternalCallers;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** Who may call DeviceService (device.proto): no method runs without a valid internal token, and only for an operator. */
@QuarkusTest
class DeviceServiceAuthenticationTest {

    @TestHTTPResource("/")
    URL app;

    @GrpcClient("devices")
    DeviceServiceGrpc.DeviceServiceBlockingStub anonymous;

    @ParameterizedTest
    @EnumSource(BadToken.class)
    void everyMethodRefusesACallerWithoutAValidToken(BadToken credential) {
        assertThat(GrpcAuthChecks.callEveryMethod(app, DeviceServiceGrpc.getServiceDescriptor(), credential.headers(Operator.AUDIENCE)))
                .isEqualTo(everyMethod(Status.Code.UNAUTHENTICATED));
    }

    @Test
    void aCustomerReadsDevicesButCommandsNoneAndGetsNoCredentials() {
        Map<String, Status.Code> answers = answersTo(InternalCallers.customer("customer-1", Operator.AUDIENCE));

        List<String> operatorsOnly = List.of("SendCommand", "IssueDeviceCredentials", "RevokeDeviceCredentials");
        operatorsOnly.forEach(method -> assertThat(answers.get(method)).as(method).isEqualTo(Status.Code.PERMISSION_DENIED));
        assertThat(answers).containsOnlyKeys(everyMethod(Status.Code.OK).keySet());
        operatorsOnly.forEach(answers::remove);
        assertThat(answers.values()).doesNotContain(Status.Code.UNAUTHENTICATED, Status.Code.PERMISSION_DENIED);
    }

    @Test
    void everyMethodRefusesCouriersAndServices() {
        for (String token : List.of(
                InternalCallers.courier("courier-1", Operator.AUDIENCE),
                InternalCallers.service("order-service", Operator.AUDIENCE),
                InternalCallers.service("gateway", Operator.AUDIENCE))) {
            assertThat(answersTo(token)).as(token).isEqualTo(everyMethod(Status.Code.PERMISSION_DENIED));
        }
    }

    @Test
    void anOperatorPassesEveryMethodsCheck() {
        // Empty requests: what answers is the validation behind the check, not the check.
        Map<String, Status.Code> answers = answersTo(InternalCallers.operator("operator-1", Operator.AUDIENCE));

        assertThat(answers).containsOnlyKeys(everyMethod(Status.Code.OK).keySet());
        assertThat(answers.values()).doesNotContain(Status.Code.UNAUTHENTICATED, Status.Code.PERMISSION_DENIED);
    }

    @Test
    void anOperatorGetsAnswersACourierDoesNot() {
        String unknown = "never-seen-" + UUID.randomUUID();

        assertThat(Operator.calling(anonymous).listDevices(ListDevicesRequest.newBuilder().addDeviceIds(unknown).build())
                .getDevicesList()).isEmpty();
        assertStatus(() -> Operator.calling(anonymous).getDevice(GetDeviceRequest.newBuilder().setDeviceId(unknown).build()),
                Status.Code.NOT_FOUND);
        assertStatus(() -> InternalCallers.as(anonymous, InternalCallers.courier("courier-1", Operator.AUDIENCE))
                .listDevices(ListDevicesRequest.newBuilder().addDeviceIds(unknown).build()), Status.Code.PERMISSION_DENIED);
    }

    private Map<String, Status.Code> answersTo(String token) {
        return GrpcAuthChecks.callEveryMethod(app, DeviceServiceGrpc.getServiceDescriptor(), InternalCallers.headers(token));
    }

    /** Every method of the service, so that a method added later is covered without touching this test. */
    private static Map<String, Status.Code> everyMethod(Status.Code code) {
        return GrpcAuthChecks.everyMethod(DeviceServiceGrpc.getServiceDescriptor(), code);
    }

    private static void assertStatus(Runnable call, Status.Code code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(code));
    }
}
