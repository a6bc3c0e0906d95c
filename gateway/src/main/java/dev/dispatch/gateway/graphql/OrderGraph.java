package dev.dispatch.gateway.graphql;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import dev.dispatch.gateway.graphql.model.Order;
import dev.dispatch.gateway.graphql.model.OrderConnection;
import dev.dispatch.gateway.graphql.model.PlaceOrderInput;
import dev.dispatch.gateway.grpc.OrderBackend;
import dev.dispatch.gateway.mapping.GraphQLMapper;
import dev.dispatch.gateway.mapping.OrderMapper;
import dev.dispatch.gateway.rest.model.CancelOrderRequest;
import dev.dispatch.gateway.rest.model.DispatchOrderRequest;
import dev.dispatch.gateway.rest.model.OrderState;
import dev.dispatch.proto.order.v1.GetOrderRequest;
import dev.dispatch.proto.order.v1.ListOrdersRequest;
import io.grpc.Status;
import io.smallrye.mutiny.Uni;

/**
 * Orders over GraphQL: the same gRPC calls as the REST resource ({@link OrderBackend}), the same input rules (the REST
 * records' constraints, see {@link InputChecks}) and the same reading of what order-service answers.
 */
@GraphQLApi
public class OrderGraph {

    private static final java.util.regex.Pattern IDEMPOTENCY_KEY = java.util.regex.Pattern.compile("^[\\x21-\\x7E]{1,128}$");

    private final OrderBackend orders;
    private final Callers callers;
    private final InputChecks checks;

    OrderGraph(OrderBackend orders, Callers callers, InputChecks checks) {
        this.orders = orders;
        this.callers = callers;
        this.checks = checks;
    }

    @Query
    @Description("One order. A customer sees only their own: another's is simply not found.")
    public Uni<Order> order(@NonNull @Id String id) {
        return callers.current()
                .chain(caller -> orders.get(GetOrderRequest.newBuilder().setCaller(caller).setOrderId(Ids.order(id)).build()))
                .map(GraphQLMapper::toGraphQL);
    }

    @Query
    @Description("Orders, newest first, a page at a time (first: 1 to 100); pass pageInfo.endCursor as after for the next page. "
            + "A customer lists their own; an operator everyone's.")
    public Uni<@NonNull OrderConnection> orders(OrderState status, @DefaultValue("20") int first, String after) {
        return callers.current()
                .chain(caller -> orders.list(ListOrdersRequest.newBuilder()
                        .setCaller(caller)
                        .setStatus(OrderMapper.toProtoStatus(status == null ? null : status.name()))
                        .setPageSize(Ids.first(first))
                        .setPageToken(Ids.after(after))
                        .build()))
                .map(GraphQLMapper::toGraphQL);
    }

    @Mutation
    @Description("Customers only. As POST /api/orders: the same fields, rules and errors; the same idempotencyKey with the same "
            + "order answers with the order placed the first time, with another order it is a CONFLICT.")
    public Uni<Order> placeOrder(@NonNull @Name("order") PlaceOrderInput order, String idempotencyKey) {
        return callers.customer()
                .chain(caller -> {
                    if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
                        throw new ApiError(ErrorCode.BAD_USER_INPUT, "1 field is not valid: idempotencyKey must be 1 to 128 visible ASCII characters");
                    }
                    return orders.place(OrderMapper.toProto(caller, idempotencyKey, checks.valid(GraphQLMapper.toRest(order))));
                })
                .onFailure(f -> Status.fromThrowable(f).getCode() == Status.Code.ALREADY_EXISTS)
                .transform(f -> new ApiError(ErrorCode.CONFLICT, "idempotencyKey '" + idempotencyKey + "' was already used for a different order"))
                .map(GraphQLMapper::toGraphQL);
    }

    @Mutation
    @Description("Before dispatch only; a payment already taken is refunded. A customer cancels their own orders; an operator any.")
    public Uni<Order> cancelOrder(@NonNull @Id String id, String reason) {
        return callers.current()
                .chain(caller -> {
                    checks.valid(new CancelOrderRequest(reason));
                    return orders.cancel(dev.dispatch.proto.order.v1.CancelOrderRequest.newBuilder()
                            .setCaller(caller).setOrderId(Ids.order(id)).setReason(reason == null ? "" : reason).build());
                })
                .map(GraphQLMapper::toGraphQL);
    }

    @Mutation
    @Description("Operators only; the order must be PAID. Hands it to a courier device.")
    public Uni<Order> dispatchOrder(@NonNull @Id String id, @NonNull String deviceId) {
        return callers.operator()
                .chain(caller -> {
                    checks.valid(new DispatchOrderRequest(deviceId));
                    return orders.dispatch(dev.dispatch.proto.order.v1.DispatchOrderRequest.newBuilder()
                            .setCaller(caller).setOrderId(Ids.order(id)).setDeviceId(deviceId).build());
                })
                .map(GraphQLMapper::toGraphQL);
    }
}
