package dev.dispatch.gateway.graphql;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import dev.dispatch.gateway.backend.OrderBackend;
import dev.dispatch.gateway.backend.OrderMessages;
import dev.dispatch.gateway.graphql.type.Order;
import dev.dispatch.gateway.graphql.type.OrderConnection;
import dev.dispatch.gateway.graphql.type.PlaceOrderInput;
import dev.dispatch.gateway.model.CancelOrderRequest;
import dev.dispatch.gateway.model.DispatchOrderRequest;
import dev.dispatch.gateway.model.IdempotencyKeys;
import dev.dispatch.gateway.model.OrderState;
import dev.dispatch.proto.order.v1.GetOrderRequest;
import dev.dispatch.proto.order.v1.ListOrdersRequest;
import io.grpc.Status;
import io.smallrye.mutiny.Uni;

/**
 * Orders over GraphQL: the same gRPC calls as the REST resource ({@link OrderBackend}), the same input rules (the
 * model's requests and their constraints, see {@link InputChecks}) and the same reading of what order-service answers.
 */
@GraphQLApi
public class OrderGraph {

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
                .chain(caller -> orders.get(caller, GetOrderRequest.newBuilder().setOrderId(Ids.order(id)).build()))
                .map(GraphQLMapper::toGraphQL);
    }

    @Query
    @Description("Orders, newest first, a page at a time (first: 1 to 100); pass pageInfo.endCursor as after for the next page. "
            + "A customer lists their own; an operator everyone's.")
    public Uni<@NonNull OrderConnection> orders(OrderState status, @DefaultValue("20") int first, String after) {
        return callers.current()
                .chain(caller -> orders.list(caller, ListOrdersRequest.newBuilder()
                        .setStatus(OrderMessages.status(status))
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
                    if (!IdempotencyKeys.isValid(idempotencyKey)) {
                        throw InputChecks.invalid("idempotencyKey", IdempotencyKeys.RULE);
                    }
                    return orders.place(caller, OrderMessages.placeRequest(idempotencyKey, checks.valid(GraphQLMapper.toModel(order))));
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
                    return orders.cancel(caller, dev.dispatch.proto.order.v1.CancelOrderRequest.newBuilder()
                            .setOrderId(Ids.order(id)).setReason(reason == null ? "" : reason).build());
                })
                .map(GraphQLMapper::toGraphQL);
    }

    @Mutation
    @Description("Operators only; the order must be PAID. Hands it to a courier device.")
    public Uni<Order> dispatchOrder(@NonNull @Id String id, @NonNull String deviceId) {
        return callers.operator()
                .chain(caller -> {
                    checks.valid(new DispatchOrderRequest(deviceId));
                    return orders.dispatch(caller, dev.dispatch.proto.order.v1.DispatchOrderRequest.newBuilder()
                            .setOrderId(Ids.order(id)).setDeviceId(deviceId).build());
                })
                .map(GraphQLMapper::toGraphQL);
    }
}
