package dev.dispatch.gateway.backend;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;

import dev.dispatch.gateway.config.GatewayConfig;
import dev.dispatch.platform.grpc.BearerToken;
import dev.dispatch.platform.identity.CallerIdentity;
import dev.dispatch.platform.identity.InternalTokens;
import dev.dispatch.proto.order.v1.CancelOrderRequest;
import dev.dispatch.proto.order.v1.DispatchOrderRequest;
import dev.dispatch.proto.order.v1.GetOrderRequest;
import dev.dispatch.proto.order.v1.ListOrdersRequest;
import dev.dispatch.proto.order.v1.ListOrdersResponse;
import dev.dispatch.proto.order.v1.MutinyOrderServiceGrpc.MutinyOrderServiceStub;
import dev.dispatch.proto.order.v1.Order;
import dev.dispatch.proto.order.v1.OrderUpdate;
import dev.dispatch.proto.order.v1.PlaceOrderRequest;
import dev.dispatch.proto.order.v1.WatchOrderRequest;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.faulttolerance.api.RetryWhen;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The gateway's calls to order-service. Every call gets its own deadline when it is subscribed to, so a slow
 * order-service costs a caller at most that long. Only the reads are retried, and only when order-service was
 * unavailable: a write that timed out may have happened, and it is the caller's Idempotency-Key that makes
 * trying a place again safe, not the gateway.
 */
@ApplicationScoped
public class OrderBackend {

    /** The service called: the audience of the tokens. */
    private static final String AUDIENCE = "order-service";

    @GrpcClient("orders")
    MutinyOrderServiceStub orders;

    private final GatewayConfig config;
    private final InternalTokens tokens;

    OrderBackend(GatewayConfig config, InternalTokens tokens) {
        this.config = config;
        this.tokens = tokens;
    }

    public Uni<Order> place(CallerIdentity caller, PlaceOrderRequest request) {
        return write(caller, stub -> stub.placeOrder(request));
    }

    @Retry(maxRetries = 2, delay = 100, jitter = 50)
    @RetryWhen(exception = WasUnavailable.class)
    public Uni<Order> get(CallerIdentity caller, GetOrderRequest request) {
        return call(caller, stub -> stub.getOrder(request));
    }

    @Retry(maxRetries = 2, delay = 100, jitter = 50)
    @RetryWhen(exception = WasUnavailable.class)
    public Uni<ListOrdersResponse> list(CallerIdentity caller, ListOrdersRequest request) {
        return call(caller, stub -> stub.listOrders(request));
    }

    public Uni<Order> cancel(CallerIdentity caller, CancelOrderRequest request) {
        return write(caller, stub -> stub.cancelOrder(request));
    }

    public Uni<Order> dispatch(CallerIdentity caller, DispatchOrderRequest request) {
        return write(caller, stub -> stub.dispatchOrder(request));
    }

    /**
     * The order's current state, then each change. No deadline: it lasts as long as the subscriber wants it; a broken
     * connection ends it with a failure the subscriber sees.
     */
    public Multi<OrderUpdate> watch(CallerIdentity caller, WatchOrderRequest request) {
        return Multi.createFrom().deferred(() -> as(caller).watchOrder(request))
                .onFailure().transform(e -> BackendException.tag(Backend.ORDERS, e));
    }

    private <T> Uni<T> call(CallerIdentity caller, Function<MutinyOrderServiceStub, Uni<T>> rpc) {
        return within(caller, config.orderDeadline(), rpc);
    }

    private <T> Uni<T> write(CallerIdentity caller, Function<MutinyOrderServiceStub, Uni<T>> rpc) {
        return within(caller, config.orderWriteDeadline(), rpc);
    }

    private <T> Uni<T> within(CallerIdentity caller, Duration deadline, Function<MutinyOrderServiceStub, Uni<T>> rpc) {
        return Uni.createFrom().deferred(() -> rpc.apply(as(caller).withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)))
                .onFailure().transform(e -> BackendException.tag(Backend.ORDERS, e));
    }

    /** The stub, sending the internal token that says who the gateway calls for (README "Security model"). */
    private MutinyOrderServiceStub as(CallerIdentity caller) {
        return orders.withCallCredentials(new BearerToken(tokens.forUser(caller, AUDIENCE)));
    }
}
