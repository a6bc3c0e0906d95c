package dev.dispatch.gateway.rest;

import static dev.dispatch.gateway.backend.Timestamps.emptyToNull;
import static dev.dispatch.gateway.backend.Timestamps.orNull;

import dev.dispatch.gateway.backend.OrderMessages;
import dev.dispatch.gateway.rest.dto.Amount;
import dev.dispatch.gateway.rest.dto.OrderPage;
import dev.dispatch.gateway.rest.dto.OrderResponse;
import dev.dispatch.gateway.rest.dto.PaymentState;
import dev.dispatch.gateway.rest.dto.PaymentSummary;
import dev.dispatch.proto.order.v1.ListOrdersResponse;
import dev.dispatch.proto.order.v1.Order;
import dev.dispatch.proto.order.v1.PaymentOutcome;

/** From OrderService's messages to the REST records; the values both APIs share are read by {@link OrderMessages}. */
public final class OrderMapper {

    private static final String PAYMENT_STATUS = "PAYMENT_OUTCOME_STATUS_";

    private OrderMapper() {
    }

    public static OrderResponse toRest(Order o) {
        return new OrderResponse(
                o.getId(),
                o.getCustomerId(),
                OrderMessages.state(o.getStatus()),
                o.getItemsList().stream().map(OrderMessages::lineItem).toList(),
                new Amount(o.getTotal().getAmountMinor(), o.getTotal().getCurrency()),
                OrderMessages.address(o.getDeliveryAddress()),
                o.hasPayment() ? toRest(o.getPayment()) : null,
                emptyToNull(o.getDeviceId()),
                o.hasMaxCargoTemperatureC() ? o.getMaxCargoTemperatureC() : null,
                emptyToNull(o.getStatusReason()),
                orNull(o.hasCreatedAt(), o.getCreatedAt()),
                orNull(o.hasUpdatedAt(), o.getUpdatedAt()),
                o.getVersion());
    }

    public static OrderPage toRest(ListOrdersResponse page) {
        return new OrderPage(page.getOrdersList().stream().map(OrderMapper::toRest).toList(), emptyToNull(page.getNextPageToken()));
    }

    private static PaymentSummary toRest(PaymentOutcome p) {
        PaymentState status = switch (p.getStatus()) {
            case PAYMENT_OUTCOME_STATUS_UNSPECIFIED, UNRECOGNIZED -> PaymentState.PENDING;
            default -> PaymentState.valueOf(p.getStatus().name().substring(PAYMENT_STATUS.length()));
        };
        return new PaymentSummary(emptyToNull(p.getPaymentId()), status, emptyToNull(p.getReason()));
    }
}
