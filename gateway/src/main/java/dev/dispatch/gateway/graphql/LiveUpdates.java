package dev.dispatch.gateway.graphql;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

import dev.dispatch.gateway.backend.Backend;
import dev.dispatch.gateway.backend.DeviceBackend;
import dev.dispatch.gateway.backend.OrderBackend;
import dev.dispatch.gateway.graphql.type.OrderUpdate;
import dev.dispatch.gateway.graphql.type.Reading;
import dev.dispatch.platform.identity.CallerIdentity;
import dev.dispatch.platform.identity.Role;
import dev.dispatch.proto.device.v1.GetDeviceRequest;
import dev.dispatch.proto.device.v1.WatchTelemetryRequest;
import dev.dispatch.proto.order.v1.GetOrderRequest;
import dev.dispatch.proto.order.v1.WatchOrderRequest;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Subscriptions (graphql-transport-ws on /graphql), each fed by a gRPC server stream. Authenticated like every query:
 * the caller is read when the subscription starts.
 */
@GraphQLApi
public class LiveUpdates {

    private final OrderBackend orders;
    private final DeviceBackend devices;
    private final Callers callers;

    LiveUpdates(OrderBackend orders, DeviceBackend devices, Callers callers) {
        this.orders = orders;
        this.devices = devices;
        this.callers = callers;
    }

    @Subscription
    @Description("The order now, then after every change until it is final (OrderService.WatchOrder). A customer watches only their own.")
    public Multi<OrderUpdate> orderUpdated(@NonNull @Id String orderId) {
        return callers.current()
                .onItem().transformToMulti(caller -> orders.watch(caller, WatchOrderRequest.newBuilder().setOrderId(Ids.order(orderId)).build()))
                .map(update -> new OrderUpdate(update.getEventType().isEmpty() ? null : update.getEventType(), GraphQLMapper.toGraphQL(update.getOrder())));
    }

    @Subscription
    @Description("Readings of a device as iot-ingest ingests them (DeviceService.WatchTelemetry). Operators watch any device; a "
            + "customer only the device delivering one of their orders (any other is not found).")
    public Multi<Reading> deviceTelemetry(@NonNull @Id String deviceId) {
        return callers.current()
                .call(caller -> mayWatch(caller, Ids.device(deviceId)))
                .onItem().transformToMulti(caller -> devices.watch(caller, WatchTelemetryRequest.newBuilder().setDeviceId(deviceId).build()))
                .map(GraphQLMapper::toGraphQL);
    }

    /** A customer may watch the device their order is bound to: iot-ingest says which order, order-service whether it is theirs. */
    private Uni<Void> mayWatch(CallerIdentity caller, String deviceId) {
        if (caller.is(Role.OPERATOR)) {
            return Uni.createFrom().voidItem();
        }
        return devices.get(caller, GetDeviceRequest.newBuilder().setDeviceId(deviceId).build())
                .onItem().transformToUni(device -> device.getBoundOrderId().isEmpty()
                        ? Uni.createFrom().failure(new ApiError(ErrorCode.NOT_FOUND, Backend.DEVICES.notFound()))
                        : orders.get(caller, GetOrderRequest.newBuilder().setOrderId(device.getBoundOrderId()).build()))
                .onFailure(f -> GraphQLErrors.of(f).code() == ErrorCode.NOT_FOUND)
                .transform(f -> new ApiError(ErrorCode.NOT_FOUND, Backend.DEVICES.notFound()))
                .replaceWithVoid();
    }
}
