package dev.dispatch.loadgen.scenario;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.dispatch.loadgen.core.Outcome;
import dev.dispatch.loadgen.core.Target;
import dev.dispatch.loadgen.local.InternalToken;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ForwardingClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;

/**
 * OrderService.PlaceOrder straight to order-service, acting for a customer as the gateway does: each call carries the
 * internal token the gateway would sign for the customer (README "Security model"), so the gateway's share of POST
 * /api/orders shows against orders-rest. One HTTP/2 connection, as the gateway's own client uses.
 */
public final class OrdersGrpc implements Scenario {

    private static final int PAID = 2;
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final ManagedChannel channel;
    private final Channel authorized;
    private final MethodDescriptor<byte[], byte[]> method = PlaceOrderCodec.method();
    private final Supplier<InternalToken> signer;
    private final String runId;
    private volatile InternalToken token;

    /** {@code signer} signs a fresh internal token for the customer: once now (no key, no run), then when one is near its end. */
    OrdersGrpc(String host, int port, Supplier<InternalToken> signer, String runId) {
        this.signer = signer;
        this.token = signer.get();
        this.channel = NettyChannelBuilder.forAddress(host, port).usePlaintext().build();
        this.authorized = ClientInterceptors.intercept(channel, new Authorization());
        this.runId = runId;
    }

    @Override
    public Target target() {
        return (sequence, due) -> {
            CompletableFuture<Outcome> outcome = new CompletableFuture<>();
            byte[] request = PlaceOrderCodec.request(OrderBodies.idempotencyKey(runId, sequence));
            ClientCalls.asyncUnaryCall(authorized.newCall(method, CallOptions.DEFAULT.withDeadlineAfter(60, TimeUnit.SECONDS)),
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

    /** The current token; a fresh one when it is near its end (tokens last five minutes, a run may last longer). */
    private String currentToken() {
        InternalToken current = token;
        if (current.dueForRenewal(Instant.now())) {
            current = signer.get();
            token = current;
        }
        return current.value();
    }

    @Override
    public Map<String, String> settings() {
        return Map.of("request", "OrderService.PlaceOrder (gRPC, straight to order-service)", "success", "order PAID");
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }

    /** Puts the token in each call's headers, as the gateway's client does. */
    private final class Authorization implements ClientInterceptor {
        @Override
        public <Q, A> ClientCall<Q, A> interceptCall(MethodDescriptor<Q, A> called, CallOptions options, Channel next) {
            return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(called, options)) {
                @Override
                public void start(Listener<A> listener, Metadata headers) {
                    headers.put(AUTHORIZATION, "Bearer " + currentToken());
                    super.start(listener, headers);
                }
            };
        }
    }
}
