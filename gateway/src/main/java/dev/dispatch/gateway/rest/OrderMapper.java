package dev.dispatch.gateway.mapping;

import java.time.Instant;

import com.google.protobuf.Timestamp;

import dev.dispatch.gateway.problem.ProblemException;
import dev.dispatch.gateway.problem.ProblemType;
import dev.dispatch.gateway.rest.model.Address;
import dev.dispatch.gateway.rest.model.Amount;
import dev.dispatch.gateway.rest.model.LineItem;
import dev.dispatch.gateway.rest.model.OrderPage;
import dev.dispatch.gateway.rest.model.OrderResponse;
import dev.dispatch.gateway.rest.model.OrderState;
import dev.dispatch.gateway.rest.model.PaymentState;
import dev.dispatch.gateway.rest.model.PaymentSummary;
import dev.dispatch.gateway.rest.model.PlaceOrderRequest;
import dev.dispatch.proto.common.v1.Caller;
import dev.dispatch.proto.order.v1.DeliveryAddress;
import dev.dispatch.proto.order.v1.ListOrdersResponse;
import dev.dispatch.proto.order.v1.Order;
import dev.dispatch.proto.order.v1.OrderItem;
import dev.dispatch.proto.order.v1.OrderStatus;
import dev.dispatch.proto.order.v1.PaymentOutcome;

/** Between the REST records and the OrderService messages. Statuses lose their proto prefix: {@code ORDER_STATUS_PAID} is {@code PAID}. */
public final class OrderMapper {

    private static final String ORDER_STATUS = "ORDER_STATUS_";
    private static final String PAYMENT_STATUS = "PAYMENT_OUTCOME_STATUS_";

    private OrderMapper() {
    }

    public static dev.dispatch.proto.order.v1.PlaceOrderRequest toProto(Caller caller, String idempotencyKey, PlaceOrderRequest body) {
        Address a = body.deliveryAddress();
        var request = dev.dispatch.proto.order.v1.PlaceOrderRequest.newBuilder()
                .setCaller(caller)
                .setIdempotencyKey(idempotencyKey == null ? "" : idempotencyKey)
                .setCurrency(body.currency())
                .setDeliveryAddress(DeliveryAddress.newBuilder()
                        .setStreet(a.street()).setCity(a.city()).setPostalCode(a.postalCode()).setCountry(a.country())
                        .setLatitude(a.latitude()).setLongitude(a.longitude()))
                .setPaymentToken(body.paymentToken());
        body.items().forEach(i -> request.addItems(OrderItem.newBuilder()
                .setSku(i.sku()).setName(i.name()).setQuantity(i.quantity()).setUnitPriceMinor(i.unitPriceMinor())));
        if (body.maxCargoTemperatureC() != null) {
            request.setMaxCargoTemperatureC(body.maxCargoTemperatureC());
        }
        return request.build();
    }

    /** UNSPECIFIED (every status) when no filter was asked for; the name was validated against {@link OrderState}. */
    public static OrderStatus toProtoStatus(String status) {
        return status == null ? OrderStatus.ORDER_STATUS_UNSPECIFIED : OrderStatus.valueOf(ORDER_STATUS + OrderState.valueOf(status).name());
    }

    public static OrderResponse toRest(Order o) {
        DeliveryAddress a = o.getDeliveryAddress();
        return new OrderResponse(
                o.getId(),
                o.getCustomerId(),
                toRest(o.getStatus()),
                o.getItemsList().stream()
                        .map(i -> new LineItem(i.getSku(), i.getName(), i.getQuantity(), i.getUnitPriceMinor()))
                        .toList(),
                new Amount(o.getTotal().getAmountMinor(), o.getTotal().getCurrency()),
                new Address(a.getStreet(), a.getCity(), a.getPostalCode(), a.getCountry(), a.getLatitude(), a.getLongitude()),
                o.hasPayment() ? toRest(o.getPayment()) : null,
                emptyToNull(o.getDeviceId()),
                o.hasMaxCargoTemperatureC() ? o.getMaxCargoTemperatureC() : null,
                emptyToNull(o.getStatusReason()),
                o.hasCreatedAt() ? instant(o.getCreatedAt()) : null,
                o.hasUpdatedAt() ? instant(o.getUpdatedAt()) : null,
                o.getVersion());
    }

    public static OrderPage toRest(ListOrdersResponse page) {
        return new OrderPage(page.getOrdersList().stream().map(OrderMapper::toRest).toList(), emptyToNull(page.getNextPageToken()));
    }

    private static OrderState toRest(OrderStatus status) {
        if (status == OrderStatus.ORDER_STATUS_UNSPECIFIED || status == OrderStatus.UNRECOGNIZED) {
            // order-service speaks a newer contract than this gateway: a backend fault, not the client's.
            throw new ProblemException(ProblemType.BAD_GATEWAY, "The order service answered with an order status this gateway does not know");
        }
        return OrderState.valueOf(status.name().substring(ORDER_STATUS.length()));
    }

    private static PaymentSummary toRest(PaymentOutcome p) {
        PaymentState status = switch (p.getStatus()) {
            case PAYMENT_OUTCOME_STATUS_UNSPECIFIED, UNRECOGNIZED -> PaymentState.PENDING;
            default -> PaymentState.valueOf(p.getStatus().name().substring(PAYMENT_STATUS.length()));
        };
        return new PaymentSummary(emptyToNull(p.getPaymentId()), status, emptyToNull(p.getReason()));
    }

    private static Instant instant(Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
