package dev.dispatch.loadgen.scenario;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.dispatch.loadgen.core.Outcome;
import dev.dispatch.loadgen.core.Target;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;

/**
 * OrderService.PlaceOrder straight to order-service, acting for a customer as the gateway does (the Caller message
 * the gateway builds from the token), so the gateway's share of POST /api/orders shows against orders-rest. One
 * HTTP/2 connection, as the gateway's own client uses.
 */
public final class OrdersGrpc implements Scenario {

    private static final int PAID = 2;

    private final ManagedChannel channel;
    private final MethodDescriptor<byte[], byte[]> method = PlaceOrderCodec.method();
    private final String subject;
    private final String runId;

    OrdersGrpc(String host, int port, String subject, String runId) {
        this.channel = NettyChannelBuilder.forAddress(host, port).usePlaintext().build();
        this.subject = subject;
        this.runId = runId;
    }

    @Override
    public Target target() {
        return (sequence, due) -> {
            CompletableFuture<Outcome> outcome = new CompletableFuture<>();
            byte[] request = PlaceOrderCodec.request(subject, OrderBodies.idempotencyKey(runId, sequence));
            ClientCalls.asyncUnaryCall(channel.newCall(method, CallOptions.DEFAULT.withDeadlineAfter(60, TimeUnit.SECONDS)),
                    request, new StreamObserver<>() {
                        @Override
                        public void onNext(byte[] order) {
                            int status = PlaceOrderCodec.placedOrder(order).status();
                            outcome.complete(status == PAID ? Outcome.OK : Outcome.failed("order status " + status));
                        }

                        @Override
                        public void onError(Throwable failure) {
                            outcome.complete(Outcome.failed(Status.fromThrowable(failure).getCode().name()));
                        }

                        @Override
                        public void onCompleted() {
                            outcome.complete(Outcome.failed("no answer"));
                        }
                    });
            return outcome;
        };
    }

    @Override
    public Map<String, String> settings() {
        return Map.of("request", "OrderService.PlaceOrder (gRPC, straight to order-service)", "success", "order PAID");
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
