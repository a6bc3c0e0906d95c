package dev.dispatch.gateway.backend;

import dev.dispatch.gateway.model.Address;
import dev.dispatch.gateway.model.LineItem;
import dev.dispatch.gateway.model.OrderState;
import dev.dispatch.gateway.model.PlaceOrderRequest;
import dev.dispatch.proto.order.v1.DeliveryAddress;
import dev.dispatch.proto.order.v1.OrderItem;
import dev.dispatch.proto.order.v1.OrderStatus;

/**
 * Between the gateway's own order values and OrderService's messages, for both APIs. Statuses lose their proto
 * prefix: {@code ORDER_STATUS_PAID} is {@code PAID}.
 */
public final class OrderMessages {

    private static final String ORDER_STATUS = "ORDER_STATUS_";

    private OrderMessages() {
    }

    /** A valid new order (see {@link PlaceOrderRequest}) as order-service takes it; no key is an empty one. */
    public static dev.dispatch.proto.order.v1.PlaceOrderRequest placeRequest(String idempotencyKey, PlaceOrderRequest order) {
        Address a = order.deliveryAddress();
        var request = dev.dispatch.proto.order.v1.PlaceOrderRequest.newBuilder()
                .setIdempotencyKey(idempotencyKey == null ? "" : idempotencyKey)
                .setCurrency(order.currency())
                .setDeliveryAddress(DeliveryAddress.newBuilder()
                        .setStreet(a.street()).setCity(a.city()).setPostalCode(a.postalCode()).setCountry(a.country())
                        .setLatitude(a.latitude()).setLongitude(a.longitude()))
                .setPaymentToken(order.paymentToken());
        order.items().forEach(i -> request.addItems(OrderItem.newBuilder()
                .setSku(i.sku()).setName(i.name()).setQuantity(i.quantity()).setUnitPriceMinor(i.unitPriceMinor())));
        if (order.maxCargoTemperatureC() != null) {
            request.setMaxCargoTemperatureC(order.maxCargoTemperatureC());
        }
        return request.build();
    }

    /** UNSPECIFIED (every status) when no filter was asked for. */
    public static OrderStatus status(OrderState state) {
        return state == null ? OrderStatus.ORDER_STATUS_UNSPECIFIED : OrderStatus.valueOf(ORDER_STATUS + state.name());
    }

    public static OrderState state(OrderStatus status) {
        if (status == OrderStatus.ORDER_STATUS_UNSPECIFIED || status == OrderStatus.UNRECOGNIZED) {
            // order-service speaks a newer contract than this gateway: a backend fault, not the client's.
            throw new UnknownAnswer("The order service answered with an order status this gateway does not know");
        }
        return OrderState.valueOf(status.name().substring(ORDER_STATUS.length()));
    }

    public static LineItem lineItem(OrderItem item) {
        return new LineItem(item.getSku(), item.getName(), item.getQuantity(), item.getUnitPriceMinor());
    }

    public static Address address(DeliveryAddress a) {
        return new Address(a.getStreet(), a.getCity(), a.getPostalCode(), a.getCountry(), a.getLatitude(), a.getLongitude());
    }
}
