package dev.dispatch.gateway.graphql.type;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.dispatch.gateway.model.Address;
import dev.dispatch.gateway.model.LineItem;
import dev.dispatch.gateway.model.OrderState;

/** An order as order-service answers it; {@code payment} and {@code delivery} are fetched only when a query selects them. */
@Type("Order")
@Description("An order and where it stands. payment and delivery come from payment-service and iot-ingest, only when selected.")
public record Order(
        @Id @NonNull String id,
        @NonNull @Description("The customer's subject.") String customerId,
        @NonNull OrderState status,
        @NonNull List<@NonNull LineItem> items,
        @NonNull Amount total,
        @NonNull Address deliveryAddress,
        @Description("The courier device, once dispatched.") String deviceId,
        @Description("Cargo limit in °C, when the order has one.") Double maxCargoTemperatureC,
        @Description("Why the order is in its status, when that needs saying.") String statusReason,
        Instant createdAt,
        Instant updatedAt,
        @Description("Grows by one with every state change.") long version) {
}
