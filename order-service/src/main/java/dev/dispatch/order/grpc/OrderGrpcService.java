package dev.dispatch.order.grpc;

import java.util.function.Supplier;

import dev.dispatch.order.model.OrderValidator;
import dev.dispatch.order.service.OrderCancellation;
import dev.dispatch.order.service.OrderDispatch;
import dev.dispatch.order.service.OrderPlacement;
import dev.dispatch.order.service.OrderQueries;
import dev.dispatch.order.service.OrderWatch;
import dev.dispatch.platform.grpc.InternalAuthentication;
import dev.dispatch.platform.identity.CallerIdentity;
import dev.dispatch.proto.order.v1.CancelOrderRequest;
import dev.dispatch.proto.order.v1.DispatchOrderRequest;
import dev.dispatch.proto.order.v1.GetOrderRequest;
import dev.dispatch.proto.order.v1.ListOrdersRequest;
import dev.dispatch.proto.order.v1.ListOrdersResponse;
import dev.dispatch.proto.order.v1.Order;
import dev.dispatch.proto.order.v1.OrderService;
import dev.dispatch.proto.order.v1.OrderUpdate;
import dev.dispatch.proto.order.v1.PlaceOrderRequest;
import dev.dispatch.proto.order.v1.WatchOrderRequest;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * OrderService over gRPC: maps messages, and every failure to its status (see {@link GrpcStatus}). Who calls comes
 * from the call's verified internal token ({@link Authentication}), read where each method starts: on the thread gRPC
 * calls it on, where the token's context is.
 */
@GrpcService
public class OrderGrpcService implements OrderService {

    private final OrderPlacement placement;
    private final OrderQueries queries;
    private final OrderCancellation cancellation;
    private final OrderDispatch dispatch;
    private final OrderWatch watch;

    OrderGrpcService(OrderPlacement placement, OrderQueries queries, OrderCancellation cancellation, OrderDispatch dispatch,
            OrderWatch watch) {
        this.placement = placement;
        this.queries = queries;
        this.cancellation = cancellation;
        this.dispatch = dispatch;
        this.watch = watch;
    }

    @Override
    public Uni<Order> placeOrder(PlaceOrderRequest request) {
        CallerIdentity caller = InternalAuthentication.caller();
        return call(() -> placement.place(OrderMapper.toCommand(request, OrderMapper.toCaller(caller)))
                .map(OrderMapper::toProto));
    }

    @Override
    public Uni<Order> getOrder(GetOrderRequest request) {
        CallerIdentity caller = InternalAuthentication.caller();
        return call(() -> queries.get(OrderMapper.toCaller(caller),
                OrderValidator.orderId(request.getOrderId())).map(OrderMapper::toProto));
    }

    @Override
    public Uni<ListOrdersResponse> listOrders(ListOrdersRequest request) {
        CallerIdentity caller = InternalAuthentication.caller();
        return call(() -> queries.list(OrderMapper.toCaller(caller),
                OrderMapper.toStatusFilter(request.getStatus()), request.getPageSize(), request.getPageToken()).map(OrderMapper::toProto));
    }

    @Override
    public Uni<Order> cancelOrder(CancelOrderRequest request) {
        CallerIdentity caller = InternalAuthentication.caller();
        return call(() -> cancellation.cancel(OrderMapper.toCaller(caller),
                OrderValidator.orderId(request.getOrderId()), request.getReason()).map(OrderMapper::toProto));
    }

    @Override
    public Uni<Order> dispatchOrder(DispatchOrderRequest request) {
        CallerIdentity caller = InternalAuthentication.caller();
        return call(() -> dispatch.dispatch(OrderMapper.toCaller(caller),
                OrderValidator.orderId(request.getOrderId()), request.getDeviceId()).map(OrderMapper::toProto));
    }

    @Override
    public Multi<OrderUpdate> watchOrder(WatchOrderRequest request) {
        CallerIdentity caller = InternalAuthentication.caller();
        return Multi.createFrom().<OrderUpdate>deferred(() -> watch.watch(OrderMapper.toCaller(caller),
                        OrderValidator.orderId(request.getOrderId())).map(OrderMapper::toProto))
                .onFailure().transform(GrpcStatus::of);
    }

    /** Runs a call so that a thrown refusal becomes a failed Uni, and every failure its status. */
    private static <T> Uni<T> call(Supplier<Uni<? extends T>> body) {
        return Uni.createFrom().<T>deferred(body).onFailure().transform(GrpcStatus::of);
    }
}
