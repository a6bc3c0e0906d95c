package dev.dispatch.order.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.dispatch.proto.order.v1.OrderServiceGrpc;
import dev.dispatch.testsupport.internal.GrpcAuthChecks;
import dev.dispatch.testsupport.internal.InternalCallers;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
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

    private ManagedChannel channel;

    @BeforeEach
    void connect() {
        channel = ManagedChannelBuilder.forAddress(app.getHost(), app.getPort()).usePlaintext().build();
    }

    @AfterEach
    void disconnect() {
        channel.shutdownNow();
    }

    @ParameterizedTest
    @ValueSource(strings = { "none", "not-a-jwt", "expired", "forged", "for-another-service", "untrusted-issuer",
            "service-speaking-for-a-user" })
    void everyMethodRefusesABadToken(String kind) {
        Metadata headers = switch (kind) {
            case "none" -> new Metadata();
            case "not-a-jwt" -> InternalCallers.headers("not-a-jwt");
            case "expired" -> InternalCallers.headers(InternalCallers.expired(AUDIENCE));
            case "forged" -> InternalCallers.headers(InternalCallers.forged(AUDIENCE));
            case "for-another-service" -> InternalCallers.headers(InternalCallers.forAnotherService(AUDIENCE));
            case "untrusted-issuer" -> InternalCallers.headers(InternalCallers.untrustedIssuer(AUDIENCE));
            case "service-speaking-for-a-user" -> InternalCallers.headers(InternalCallers.serviceSpeakingForAUser(AUDIENCE));
            default -> throw new IllegalArgumentException(kind);
        };

        Map<String, Status.Code> answers = GrpcAuthChecks.callEveryMethod(channel, OrderServiceGrpc.getServiceDescriptor(), headers);

        assertThat(answers).hasSize(6).isEqualTo(answers.keySet().stream()
                .collect(Collectors.toMap(Function.identity(), m -> Status.Code.UNAUTHENTICATED)));
    }
}
