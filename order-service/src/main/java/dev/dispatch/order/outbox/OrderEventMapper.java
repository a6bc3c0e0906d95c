package dev.dispatch.order.outbox;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import dev.dispatch.order.model.DeliveryAddress;
import dev.dispatch.order.model.Order;
import dev.dispatch.order.model.OrderEventType;
import dev.dispatch.order.model.OrderLine;
import dev.dispatch.order.model.OrderStatus;
import dev.dispatch.order.model.PaymentState;
import dev.dispatch.order.model.PaymentStatus;
import dev.dispatch.platform.cloudevents.CloudEvent;

/** Between stored orders and the events that announce their changes (schema: contracts' order-event.v1.json). */
final class OrderEventMapper {

    /** The CloudEvents source of every order event. */
    static final String SOURCE = "/order-service";

    private OrderEventMapper() {
    }

    /** The event of the change that left the order as it is now; its time is the change's. */
    static CloudEvent<OrderEventData> toEvent(Order order) {
        OrderEventType type = OrderEventType.entering(order.status());
        return CloudEvent.of(UUID.randomUUID(), SOURCE, type.type(), order.id().toString(), time(order.updatedAt()), toData(order));
    }

    static OrderEventData toData(Order o) {
        DeliveryAddress a = o.address();
        return new OrderEventData(
                OrderEventData.SCHEMA_VERSION,
                o.id().toString(),
                o.customerId(),
                o.status().name(),
                o.statusReason(),
                o.version(),
                o.items().stream().map(i -> new OrderEventData.Item(i.sku(), i.name(), i.quantity(), i.unitPriceMinor())).toList(),
                new OrderEventData.Money(o.totalMinor(), o.currency()),
                new OrderEventData.Address(a.street(), a.city(), a.postalCode(), a.country(), a.latitude(), a.longitude()),
                o.maxCargoTemperatureC(),
                new OrderEventData.Payment(o.payment().paymentId(), o.payment().status().name(), o.payment().reason()),
                o.deviceId(),
                time(o.createdAt()),
                time(o.updatedAt()));
    }

    /** The order as an event's data describes it (the payment token is not in events). */
    static Order fromData(OrderEventData d) {
        OrderEventData.Address a = d.deliveryAddress();
        OrderEventData.Payment p = d.payment();
        return new Order(
                UUID.fromString(d.orderId()),
                d.customerId(),
                OrderStatus.valueOf(d.status()),
                d.statusReason(),
                d.items().stream().map(i -> new OrderLine(i.sku(), i.name(), i.quantity(), i.unitPriceMinor())).toList(),
                d.total().currency(),
                d.total().amountMinor(),
                new DeliveryAddress(a.street(), a.city(), a.postalCode(), a.country(), a.latitude(), a.longitude()),
                d.maxCargoTemperatureC(),
                null,
                new PaymentState(p.paymentId(), PaymentStatus.valueOf(p.status()), p.reason()),
                d.deviceId(),
                null,
                d.version(),
                Instant.parse(d.createdAt()).atOffset(ZoneOffset.UTC),
                Instant.parse(d.updatedAt()).atOffset(ZoneOffset.UTC));
    }

    private static String time(OffsetDateTime t) {
        return t.withOffsetSameInstant(ZoneOffset.UTC).toInstant().toString();
    }
}
