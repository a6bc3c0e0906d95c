package dev.dispatch.order.grpc;

import java.time.OffsetDateTime;

import com.google.protobuf.Timestamp;

import dev.dispatch.order.model.Caller;
import dev.dispatch.order.model.DeliveryAddress;
import dev.dispatch.order.model.ObservedChange;
import dev.dispatch.order.model.Order;
import dev.dispatch.order.model.OrderLine;
import dev.dispatch.order.model.OrderPage;
import dev.dispatch.order.model.OrderRejected;
import dev.dispatch.order.model.OrderStatus;
import dev.dispatch.order.model.PaymentStatus;
import dev.dispatch.order.model.PlaceOrderCommand;
import dev.dispatch.platform.identity.CallerIdentity;
import dev.dispatch.proto.common.v1.Money;
import dev.dispatch.proto.order.v1.ListOrdersResponse;
import dev.dispatch.proto.order.v1.OrderItem;
import dev.dispatch.proto.order.v1.OrderUpdate;
import dev.dispatch.proto.order.v1.PaymentOutcome;
import dev.dispatch.proto.order.v1.PaymentOutcomeStatus;
import dev.dispatch.proto.order.v1.PlaceOrderRequest;

/** Between the OrderService messages and the order rules' records. */
public final class OrderMapper {

    private OrderMapper() {
    }

    /**
     * The caller its verified internal token names (see {@link Authentication}): customers and operators have orders;
     * any other role (a courier, a service) is refused here rather than treated as either.
     */
    public static Caller toCaller(CallerIdentity identity) {
        Caller.Role role = switch (identity.role()) {
            case CUSTOMER -> Caller.Role.CUSTOMER;
            case OPERATOR -> Caller.Role.OPERATOR;
            case COURIER, SERVICE -> null;
        };
        if (role == null) {
            throw new OrderRejected(OrderRejected.Kind.PERMISSION_DENIED, "a " + identity.role().claim() + " has no orders to see or place");
        }
        return new Caller(identity.subject(), role);
    }

    public static PlaceOrderCommand toCommand(PlaceOrderRequest r, Caller caller) {
        DeliveryAddress address = null;
        if (r.hasDeliveryAddress()) {
            var a = r.getDeliveryAddress();
            address = new DeliveryAddress(a.getStreet(), a.getCity(), a.getPostalCode(), a.getCountry(), a.getLatitude(), a.getLongitude());
        }
        return new PlaceOrderCommand(
                caller,
                r.getIdempotencyKey().isEmpty() ? null : r.getIdempotencyKey(),
                r.getItemsList().stream().map(i -> new OrderLine(i.getSku(), i.getName(), i.getQuantity(), i.getUnitPriceMinor())).toList(),
                r.getCurrency(),
                address,
                r.getPaymentToken(),
                r.hasMaxCargoTemperatureC() ? r.getMaxCargoTemperatureC() : null);
    }

    /** Null for UNSPECIFIED (every status); INVALID_ARGUMENT for a number this contract does not know. */
    public static OrderStatus toStatusFilter(dev.dispatch.proto.order.v1.OrderStatus status) {
        return switch (status) {
            case ORDER_STATUS_UNSPECIFIED -> null;
            case UNRECOGNIZED -> throw OrderRejected.invalid("status", "is not a known order status");
            default -> OrderStatus.valueOf(status.name().substring("ORDER_STATUS_".length()));
        };
    }

    public static dev.dispatch.proto.order.v1.Order toProto(Order o) {
        DeliveryAddress a = o.address();
        var order = dev.dispatch.proto.order.v1.Order.newBuilder()
                .setId(o.id().toString())
                .setCustomerId(o.customerId())
                .setStatus(dev.dispatch.proto.order.v1.OrderStatus.valueOf("ORDER_STATUS_" + o.status().name()))
                .setTotal(Money.newBuilder().setAmountMinor(o.totalMinor()).setCurrency(o.currency()))
                .setDeliveryAddress(dev.dispatch.proto.order.v1.DeliveryAddress.newBuilder()
                        .setStreet(a.street()).setCity(a.city()).setPostalCode(a.postalCode()).setCountry(a.country())
                        .setLatitude(a.latitude()).setLongitude(a.longitude()))
                .setPayment(toProto(o.payment()))
                .setVersion(o.version())
                .setCreatedAt(timestamp(o.createdAt()))
                .setUpdatedAt(timestamp(o.updatedAt()));
        o.items().forEach(i -> order.addItems(OrderItem.newBuilder()
                .setSku(i.sku()).setName(i.name()).setQuantity(i.quantity()).setUnitPriceMinor(i.unitPriceMinor())));
        if (o.deviceId() != null) {
            order.setDeviceId(o.deviceId());
        }
        if (o.maxCargoTemperatureC() != null) {
            order.setMaxCargoTemperatureC(o.maxCargoTemperatureC());
        }
        if (o.statusReason() != null) {
            order.setStatusReason(o.statusReason());
        }
        return order.build();
    }

    public static ListOrdersResponse toProto(OrderPage page) {
        return ListOrdersResponse.newBuilder()
                .addAllOrders(page.orders().stream().map(OrderMapper::toProto).toList())
                .setNextPageToken(page.nextPageToken() == null ? "" : page.nextPageToken())
                .build();
    }

    public static OrderUpdate toProto(ObservedChange change) {
        return OrderUpdate.newBuilder()
                .setEventId(change.eventId() == null ? "" : change.eventId())
                .setEventType(change.eventType() == null ? "" : change.eventType())
                .setOrder(toProto(change.order()))
                .build();
    }

    private static PaymentOutcome toProto(dev.dispatch.order.model.PaymentState p) {
        PaymentOutcome.Builder outcome = PaymentOutcome.newBuilder().setStatus(toProto(p.status()));
        if (p.paymentId() != null) {
            outcome.setPaymentId(p.paymentId());
        }
        if (p.reason() != null) {
            outcome.setReason(p.reason());
        } else if (p.status() == PaymentStatus.REFUNDING) {
            outcome.setReason("refund_pending");
        }
        return outcome.build();
    }

    // The contract has no "refund started" nor "never charged": the first is still authorized, the second failed.
    private static PaymentOutcomeStatus toProto(PaymentStatus status) {
        return switch (status) {
            case PENDING -> PaymentOutcomeStatus.PAYMENT_OUTCOME_STATUS_PENDING;
            case AUTHORIZED, REFUNDING -> PaymentOutcomeStatus.PAYMENT_OUTCOME_STATUS_AUTHORIZED;
            case DECLINED -> PaymentOutcomeStatus.PAYMENT_OUTCOME_STATUS_DECLINED;
            case FAILED, NONE -> PaymentOutcomeStatus.PAYMENT_OUTCOME_STATUS_FAILED;
            case REFUNDED -> PaymentOutcomeStatus.PAYMENT_OUTCOME_STATUS_REFUNDED;
        };
    }

    private static Timestamp timestamp(OffsetDateTime time) {
        return Timestamp.newBuilder().setSeconds(time.toEpochSecond()).setNanos(time.getNano()).build();
    }
}
