package dev.dispatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.google.protobuf.Timestamp;

import dev.dispatch.gateway.support.Api;
import dev.dispatch.gateway.support.FreeTestPort;
import dev.dispatch.gateway.support.OrderBodies;
import dev.dispatch.proto.common.v1.Money;
import dev.dispatch.proto.order.v1.Order;
import dev.dispatch.proto.order.v1.OrderServiceGrpc;
import dev.dispatch.proto.order.v1.OrderStatus;
import dev.dispatch.proto.order.v1.PaymentOutcome;
import dev.dispatch.proto.order.v1.PaymentOutcomeStatus;
import dev.dispatch.proto.order.v1.PlaceOrderRequest;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Two order-service instances in the static list (DISPATCH_GRPC_ORDER_SERVICE): placements are spread over both, and
 * when one stops the other takes them all, within the gateway's own retries (a refused connection was never sent).
 */
@QuarkusTest
@TestProfile(OrderServiceReplicasTest.TwoInstances.class)
class OrderServiceReplicasTest {

    /** The two ports, chosen once per JVM: the profile and the test may be loaded by different class loaders. */
    private static final String PORTS = "dispatch.test.order-service-replica-ports";

    public static class TwoInstances implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            String list = "127.0.0.1:" + port(0) + ",127.0.0.1:" + port(1);
            return Map.of("%test.dispatch.grpc.order-service", list);
        }
    }

    private static Replica first;
    private static Replica second;

    @BeforeAll
    static void startInstances() throws Exception {
        first = new Replica(port(0));
        second = new Replica(port(1));
    }

    @AfterAll
    static void stopInstances() throws Exception {
        first.stop();
        second.stop();
    }

    @Test
    void placementsAreSpreadOverBothInstancesAndGoOnWhenOneStops() throws Exception {
        for (int i = 0; i < 20; i++) {
            Api.customer("alice").body(OrderBodies.order("tok_approve")).when().post("/api/orders").then().statusCode(201);
        }
        // Round-robin over the ready connections: each gets its turn (the very first call may find only one ready).
        assertThat(first.placed.get() + second.placed.get()).isEqualTo(20);
        assertThat(first.placed.get()).isGreaterThanOrEqualTo(6);
        assertThat(second.placed.get()).isGreaterThanOrEqualTo(6);

        second.stop();
        int placedBySecond = second.placed.get();
        int placedByFirst = first.placed.get();
        for (int i = 0; i < 10; i++) {
            Api.customer("alice").body(OrderBodies.order("tok_approve")).when().post("/api/orders").then().statusCode(201);
        }
        assertThat(first.placed.get()).isEqualTo(placedByFirst + 10);
        assertThat(second.placed.get()).isEqualTo(placedBySecond);
    }

    private static int port(int which) {
        synchronized (System.class) {
            if (System.getProperty(PORTS) == null) {
                System.setProperty(PORTS, FreeTestPort.freePort() + "," + FreeTestPort.freePort());
            }
        }
        return Integer.parseInt(System.getProperty(PORTS).split(",")[which]);
    }

    /**
     * A bare order-service instance on its own port: places every order as PAID and counts them. Bound by hand, not by
     * extending OrderServiceImplBase: Quarkus would take such a class for the test app's own OrderService.
     */
    private static final class Replica {

        final AtomicInteger placed = new AtomicInteger();
        private final Server server;

        Replica(int port) throws Exception {
            ServiceDescriptor placeOnly = ServiceDescriptor.newBuilder(OrderServiceGrpc.SERVICE_NAME)
                    .addMethod(OrderServiceGrpc.getPlaceOrderMethod()).build();
            ServerServiceDefinition service = ServerServiceDefinition.builder(placeOnly)
                    .addMethod(OrderServiceGrpc.getPlaceOrderMethod(), ServerCalls.asyncUnaryCall(this::placeOrder)).build();
            server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port)).addService(service).build().start();
        }

        void stop() throws InterruptedException {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }

        void placeOrder(PlaceOrderRequest request, StreamObserver<Order> answer) {
            placed.incrementAndGet();
            Instant now = Instant.now();
            Timestamp at = Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()).build();
            long total = request.getItemsList().stream().mapToLong(i -> i.getQuantity() * i.getUnitPriceMinor()).sum();
            answer.onNext(Order.newBuilder().setId(UUID.randomUUID().toString()).setCustomerId("alice")
                    .addAllItems(request.getItemsList())
                    .setTotal(Money.newBuilder().setAmountMinor(total).setCurrency(request.getCurrency()))
                    .setDeliveryAddress(request.getDeliveryAddress())
                    .setStatus(OrderStatus.ORDER_STATUS_PAID)
                    .setPayment(PaymentOutcome.newBuilder().setPaymentId(UUID.randomUUID().toString())
                            .setStatus(PaymentOutcomeStatus.PAYMENT_OUTCOME_STATUS_AUTHORIZED))
                    .setCreatedAt(at).setUpdatedAt(at).setVersion(1).build());
            answer.onCompleted();
        }
    }
}
