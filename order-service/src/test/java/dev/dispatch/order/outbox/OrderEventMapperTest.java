package dev.dispatch.order.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.dispatch.order.model.DeliveryAddress;
import dev.dispatch.order.model.Order;
import dev.dispatch.order.model.OrderLine;
import dev.dispatch.order.model.OrderStatus;
import dev.dispatch.order.model.PaymentState;
import dev.dispatch.order.model.PaymentStatus;
import dev.dispatch.platform.cloudevents.CloudEvent;

/** Orders to events and back, without a database: the event announces the state entered, and watchers read it back. */
class OrderEventMapperTest {

    @Test
    void theEventIsOfTheStatusEnteredAndDatedByTheChange() {
        Order paid = order(OrderStatus.PAID, OffsetDateTime.parse("2026-01-01T13:00:00.123456+01:00"));

        CloudEvent<OrderEventData> event = OrderEventMapper.toEvent(paid);

        assertThat(event.type()).isEqualTo("dispatch.order.paid");
        assertThat(event.source()).isEqualTo("/order-service");
        assertThat(event.subject()).isEqualTo(paid.id().toString());
        assertThat(event.time()).isEqualTo("2026-01-01T12:00:00.123456Z");
        assertThat(event.specversion()).isEqualTo("1.0");
        assertThat(event.datacontenttype()).isEqualTo("application/json");
        assertThat(UUID.fromString(event.id())).isNotNull();
        assertThat(OrderEventMapper.toEvent(paid).id()).isNotEqualTo(event.id());
        assertThat(OrderEventMapper.toEvent(order(OrderStatus.AWAITING_PAYMENT, paid.updatedAt())).type()).isEqualTo("dispatch.order.placed");
    }

    @Test
    void theDataHoldsTheOrderButNeverItsPaymentToken() {
        Order order = order(OrderStatus.DISPATCHED, OffsetDateTime.parse("2026-01-01T12:00:00Z"));

        OrderEventData data = OrderEventMapper.toData(order);

        assertThat(data.schemaVersion()).isEqualTo(OrderEventData.SCHEMA_VERSION);
        assertThat(data.total()).isEqualTo(new OrderEventData.Money(2800, "EUR"));
        assertThat(data.payment()).isEqualTo(new OrderEventData.Payment("pay-1", "AUTHORIZED", null));
        assertThat(data.toString()).doesNotContain("tok_secret");
    }

    @Test
    void aWatcherReadsBackTheOrderAsItWasAnnounced() {
        Order order = order(OrderStatus.DISPATCHED, OffsetDateTime.parse("2026-01-01T12:00:00.5Z"));

        Order read = OrderEventMapper.fromData(OrderEventMapper.toData(order));

        // Neither the payment token nor the cancel reason is in events.
        assertThat(read).isEqualTo(new Order(order.id(), order.customerId(), order.status(), order.statusReason(), order.items(),
                order.currency(), order.totalMinor(), order.address(), order.maxCargoTemperatureC(), null, order.payment(),
                order.deviceId(), null, order.version(), order.createdAt(), order.updatedAt()));
    }

    private static Order order(OrderStatus status, OffsetDateTime updatedAt) {
        return new Order(UUID.randomUUID(), "customer-1", status, "why not", List.of(new OrderLine("PIZZA", "Pizza", 2, 1250),
                new OrderLine("COLA", "Cola", 1, 300)), "EUR", 2800,
                new DeliveryAddress("Unter den Linden 1", "Berlin", "10117", "DE", 52.517, 13.3889), 6.0, "tok_secret",
                new PaymentState("pay-1", PaymentStatus.AUTHORIZED, null), "courier-1", "cancel reason", 3,
                OffsetDateTime.parse("2026-01-01T11:00:00Z"), updatedAt);
    }
}
