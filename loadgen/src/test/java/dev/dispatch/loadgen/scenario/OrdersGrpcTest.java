package dev.dispatch.loadgen.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.protobuf.CodedOutputStream;

import dev.dispatch.loadgen.core.Outcome;
import dev.dispatch.loadgen.local.InternalToken;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;

/** The calls carry the customer's internal token, a fresh one once the current one is near its end. */
class OrdersGrpcTest {

    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private Server server;

    @BeforeEach
    void orderService() throws Exception {
        ServerServiceDefinition service = ServerServiceDefinition.builder("dispatch.order.v1.OrderService")
                .addMethod(PlaceOrderCodec.method(), ServerCalls.asyncUnaryCall((request, answer) -> {
                    answer.onNext(paidOrder());
                    answer.onCompleted();
                })).build();
        ServerInterceptor recordAuthorization = new ServerInterceptor() {
            @Override
            public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
                authorizations.add(String.valueOf(headers.get(AUTHORIZATION)));
                return next.startCall(call, headers);
            }
        };
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(ServerInterceptors.intercept(service, recordAuthorization)).build().start();
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void everyCallCarriesTheTokenSignedOnceWhileItIsFresh() throws Exception {
        AtomicInteger signed = new AtomicInteger();
        try (OrdersGrpc scenario = new OrdersGrpc("127.0.0.1", server.getPort(),
                () -> new InternalToken("token-" + signed.incrementAndGet(), Instant.now().plusSeconds(300)), "run-1")) {
            for (int i = 0; i < 3; i++) {
                assertThat(scenario.target().send(i, 0).toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo(Outcome.OK);
            }
        }

        assertThat(signed).hasValue(1);
        assertThat(authorizations).containsExactly("Bearer token-1", "Bearer token-1", "Bearer token-1");
    }

    @Test
    void aTokenNearItsEndIsReplacedBeforeTheCall() throws Exception {
        AtomicInteger signed = new AtomicInteger();
        // Each token has less than the minute's margin left, so each call needs a fresh one.
        try (OrdersGrpc scenario = new OrdersGrpc("127.0.0.1", server.getPort(),
                () -> new InternalToken("token-" + signed.incrementAndGet(), Instant.now().plusSeconds(30)), "run-1")) {
            for (int i = 0; i < 2; i++) {
                assertThat(scenario.target().send(i, 0).toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo(Outcome.OK);
            }
        }

        assertThat(authorizations).containsExactly("Bearer token-2", "Bearer token-3");
    }

    private static byte[] paidOrder() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            out.writeString(PlaceOrderCodec.ORDER_ID, "order-1");
            out.writeEnum(PlaceOrderCodec.ORDER_STATUS, 2);
            out.flush();
            return bytes.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
