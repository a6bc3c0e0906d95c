package dev.dispatch.gateway.backend;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;

import dev.dispatch.gateway.config.GatewayConfig;
import dev.dispatch.proto.order.v1.CancelOrderRequest;
import dev.dispatch.proto.order.v1.DispatchOrderRequest;
import dev.dispatch.proto.order.v1.GetOrderRequest;
import dev.dispatch.proto.order.v1.ListOrdersRequest;
import dev.dispatch.proto.order.v1.ListOrdersResponse;
import dev.dispatch.proto.order.v1.MutinyOrderServiceGrpc.MutinyOrderServiceStub;
import dev.dispatch.proto.order.v1.Order;
import dev.dispatch.proto.order.v1.OrderUpdate;
import dev.dispatch.proto.order.v1.WatchOrderRequest;
import dev.dispatch.proto.order.v1.PlaceOrderRequest;
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

    @GrpcClient("orders")
    MutinyOrderServiceStub orders;

    private final GatewayConfig config;

    OrderBackend(GatewayConfig config) {
        this.config = config;
    }

    public Uni<Order> place(PlaceOrderRequest request) {
        return write(stub -> stub.placeOrder(request));
    }

    @Retry(maxRetries = 2, delay = 100, jitter = 50)
    @RetryWhen(exception = WasUnavailable.class)
    public Uni<Order> get(GetOrderRequest request) {
        return call(stub -> stub.getOrder(request));
    }

    @Retry(maxRetries = 2, delay = 100, jitter = 50)
    @RetryWhen(exception = WasUnavailable.class)
    public Uni<ListOrdersResponse> list(ListOrdersRequest request) {
        return call(stub -> stub.listOrders(request));
    }

    public Uni<Order> cancel(CancelOrderRequest request) {
        return write(stub -> stub.cancelOrder(request));
    }

    public Uni<Order> dispatch(DispatchOrderRequest request) {
        return write(stub -> stub.dispatchOrder(request));
    }

    /**
     * The order's current state, then each change. No deadline: it lasts as long as the subscriber wants it; a broken
     * connection ends it with a failure the subscriber sees.
     */
    public Multi<OrderUpdate> watch(WatchOrderRequest request) {
        return Multi.createFrom().deferred(() -> orders.watchOrder(request))
                .onFailure().transform(e -> BackendException.tag(Backend.ORDERS, e));
    }

    private <T> Uni<T> call(Function<MutinyOrderServiceStub, Uni<T>> rpc) {
        return within(config.orderDeadline(), rpc);
    }

    private <T> Uni<T> write(Function<MutinyOrderServiceStub, Uni<T>> rpc) {
        return within(config.orderWriteDeadline(), rpc);
    }

    private <T> Uni<T> within(Duration deadline, Function<MutinyOrderServiceStub, Uni<T>> rpc) {
        return Uni.createFrom().deferred(() -> rpc.apply(orders.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)))
                .onFailure().transform(e -> BackendException.tag(Backend.ORDERS, e));
    }
}
