package dev.dispatch.order.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.dispatch.proto.order.v1.OrderServiceGrpc;
import dev.dispatch.testsupport.internal.BadToken;
import dev.dispatch.testsupport.internal.GrpcAuthChecks;
import io.grpc.Status;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every OrderService method, called by a plain gRPC client the way anyone on the network could, refuses a call whose
 * internal token is missing or must not be believed, before the method runs. New methods are covered as they come.
 */
@QuarkusTest
class OrderServiceAuthenticationTest {

    private static final String AUDIENCE = "order-service";

    @TestHTTPResource("/")
    URL app;

    @ParameterizedTest
    @EnumSource(BadToken.class)
    void everyMethodRefusesABadToken(BadToken token) {
        Map<String, Status.Code> answers = GrpcAuthChecks.callEveryMethod(app, OrderServiceGrpc.getServiceDescriptor(), token.headers(AUDIENCE));

        assertThat(answers).hasSize(6).isEqualTo(GrpcAuthChecks.everyMethod(OrderServiceGrpc.getServiceDescriptor(), Status.Code.UNAUTHENTICATED));
    }
}
