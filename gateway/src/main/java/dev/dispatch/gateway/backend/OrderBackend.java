package dev.dispatch.gateway.backend;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Bulkhead;
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
 * order-service costs a caller at most that long. Reads are retried when order-service was unavailable. Of the
 * writes, only placing is tried again, and only because it always carries an idempotency key (the client's, else one
 * made here): the same key answers with the order if the lost attempt placed it. Cancel and dispatch are not retried:
 * a second try of a cancel that happened would answer "already cancelled".
 */
@ApplicationScoped
public class OrderBackend {

    /** Marks a key the gateway made up for a client that sent none (order-service keeps keys per customer). */
    static final String GENERATED_KEY_PREFIX = "gateway-";

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

    /**
     * Places the order, and finds out what happened when an answer is lost: a deadline passing or a connection breaking
     * under the call is tried again with the same idempotency key, up to {@code dispatch.gateway.place-attempts} times.
     * Fails with {@link OutcomeUnknown} when some attempt may have reached order-service and none answered; with the
     * backend's failure otherwise (a 503 then means: not placed). At most a bounded number of placements are under
     * way at once (the bulkhead, configured in application.properties): beyond it the caller gets a
     * {@code BulkheadException} at once, before any order is stored, rather than a queue that grows until every
     * call in it misses its deadline.
     */
    @Bulkhead(value = 64, waitingTaskQueue = 64)
    public Uni<Order> place(CallerIdentity caller, PlaceOrderRequest request) {
        PlaceOrderRequest keyed = request.getIdempotencyKey().isEmpty()
                ? request.toBuilder().setIdempotencyKey(GENERATED_KEY_PREFIX + UUID.randomUUID()).build()
                : request;
        AtomicBoolean maybePlaced = new AtomicBoolean();
        return write(caller, stub -> stub.placeOrder(keyed))
                .onFailure(failure -> BackendFailures.isUnavailable(failure) || BackendFailures.isTooSlow(failure))
                .invoke(failure -> maybePlaced.compareAndSet(false, !BackendFailures.certainlyNotDone(failure)))
                .onFailure(failure -> BackendFailures.isUnavailable(failure) || BackendFailures.isTooSlow(failure))
                .retry().withBackOff(Duration.ofMillis(100)).atMost(config.placeAttempts() - 1L)
                .onFailure(failure -> maybePlaced.get() && (BackendFailures.isUnavailable(failure) || BackendFailures.isTooSlow(failure)))
                .transform(failure -> new OutcomeUnknown(keyed.getIdempotencyKey(), failure));
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
     * The order's current state, then each change. No deadline: it lasts as long as the subscriber wants it. A
     * connection that closes under it (the servers' connection age, an instance gone) opens it again ({@link Resumed});
     * the reopened stream starts with the current state again.
     */
    public Multi<OrderUpdate> watch(CallerIdentity caller, WatchOrderRequest request) {
        return Resumed.STREAMS.stream(() -> as(caller).watchOrder(request))
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
