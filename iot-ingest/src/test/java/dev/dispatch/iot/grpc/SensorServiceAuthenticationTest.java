package dev.dispatch.iot.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.dispatch.iot.support.Operator;
import dev.dispatch.iot.support.Sensors;
import dev.dispatch.proto.sensor.v1.GetSensorRequest;
import dev.dispatch.proto.sensor.v1.ProvisionSensorRequest;
import dev.dispatch.proto.sensor.v1.SensorCredentials;
import dev.dispatch.proto.sensor.v1.SensorServiceGrpc;
import dev.dispatch.testsupport.internal.BadToken;
import dev.dispatch.testsupport.internal.GrpcAuthChecks;
import dev.dispatch.testsupport.internal.InternalCallers;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** Who may call SensorService (sensor.proto): no method runs without a valid internal token, and only for an operator. */
@QuarkusTest
class SensorServiceAuthenticationTest {

    @TestHTTPResource("/")
    URL app;

    @GrpcClient("sensors")
    SensorServiceGrpc.SensorServiceBlockingStub anonymous;




    @ParameterizedTest
    @EnumSource(BadToken.class)
    void everyMethodRefusesACallerWithoutAValidToken(BadToken credential) {
        assertThat(GrpcAuthChecks.callEveryMethod(app, SensorServiceGrpc.getServiceDescriptor(), credential.headers(Operator.AUDIENCE)))
                .isEqualTo(everyMethod(Status.Code.UNAUTHENTICATED));
    }

    @Test
    void everyMethodRefusesEveryRoleButOperator() {
        for (String token : nonOperators()) {
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
    void onlyAnOperatorGetsASensorsKey() {
        String refused = Sensors.newId("tag");
        for (String token : nonOperators()) {
            assertStatus(() -> InternalCallers.as(anonymous, token)
                    .provisionSensor(ProvisionSensorRequest.newBuilder().setSensorId(refused).build()), Status.Code.PERMISSION_DENIED);
        }
        // Refused before anything ran: the sensor was not created.
        assertStatus(() -> Operator.calling(anonymous).getSensor(GetSensorRequest.newBuilder().setSensorId(refused).build()),
                Status.Code.NOT_FOUND);

        String id = Sensors.newId("tag");
        SensorCredentials credentials = Sensors.provision(Operator.calling(anonymous), id, null);
        assertThat(credentials.getPskKey()).isNotBlank();
        assertThat(Operator.calling(anonymous).getSensor(GetSensorRequest.newBuilder().setSensorId(id).build()).getCredentialsActive()).isTrue();
    }

    private static List<String> nonOperators() {
        return List.of(
                InternalCallers.customer("customer-1", Operator.AUDIENCE),
                InternalCallers.courier("courier-1", Operator.AUDIENCE),
                InternalCallers.service("order-service", Operator.AUDIENCE),
                InternalCallers.service("gateway", Operator.AUDIENCE));
    }

    private Map<String, Status.Code> answersTo(String token) {
        return GrpcAuthChecks.callEveryMethod(app, SensorServiceGrpc.getServiceDescriptor(), InternalCallers.headers(token));
    }

    /** Every method of the service, so that a method added later is covered without touching this test. */
    private static Map<String, Status.Code> everyMethod(Status.Code code) {
        return GrpcAuthChecks.everyMethod(SensorServiceGrpc.getServiceDescriptor(), code);
    }

    private static void assertStatus(Runnable call, Status.Code code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(code));
    }
}
