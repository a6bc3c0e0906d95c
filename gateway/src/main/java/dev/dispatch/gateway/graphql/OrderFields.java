package dev.dispatch.gateway.graphql;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Source;

import dev.dispatch.gateway.backend.DeviceBackend;
import dev.dispatch.gateway.backend.PaymentBackend;
import dev.dispatch.gateway.graphql.type.Delivery;
import dev.dispatch.gateway.graphql.type.Order;
import dev.dispatch.gateway.graphql.type.Payment;
import dev.dispatch.proto.payment.v1.ListPaymentsRequest;
import io.smallrye.mutiny.Uni;

/**
 * The fields of Order that other services know. Each is resolved for all the orders of an answer at once (SmallRye
 * batches a {@code @Source List}), and only when the query selects it: a page of orders costs one ListPayments call,
 * not one per order. The orders were already scoped to the caller by order-service, so are their payments.
 */
@GraphQLApi
public class OrderFields {

    private final PaymentBackend payments;
    private final DeviceBackend devices;
    private final Callers callers;

    OrderFields(PaymentBackend payments, DeviceBackend devices, Callers callers) {
        this.payments = payments;
        this.devices = devices;
        this.callers = callers;
    }

    @Description("The order's payment from payment-service; null before payment-service has one.")
    public Uni<List<Payment>> payment(@Source List<Order> orders) {
        List<String> ids = orders.stream().map(Order::id).distinct().toList();
        return callers.current()
                .chain(caller -> payments.list(caller, ListPaymentsRequest.newBuilder().addAllOrderIds(ids).build()))
                .map(answer -> answer.getPaymentsList().stream()
                        .collect(Collectors.toMap(dev.dispatch.proto.payment.v1.Payment::getOrderId, Function.identity(), (a, b) -> a)))
                .map(byOrder -> orders.stream().map(o -> byOrder.get(o.id())).map(p -> p == null ? null : GraphQLMapper.toGraphQL(p)).toList());
    }

    @Description("The delivery, once the order is dispatched; null before.")
    public Uni<List<Delivery>> delivery(@Source List<Order> orders) {
        List<String> deviceIds = orders.stream().map(Order::deviceId).filter(id -> id != null).distinct().toList();
        return callers.current().map(caller -> {
            DeviceLookup lookup = new DeviceLookup(devices, caller, deviceIds);
            return orders.stream()
                    .map(o -> o.deviceId() == null ? null : new Delivery(o.deviceId(), o.deliveryAddress(), lookup))
                    .toList();
        });
    }

}
