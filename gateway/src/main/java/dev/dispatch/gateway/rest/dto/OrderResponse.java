package dev.dispatch.gateway.rest.dto;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.dispatch.gateway.model.Address;
import dev.dispatch.gateway.model.LineItem;
import dev.dispatch.gateway.model.OrderState;

/** An order as the API shows it. Fields without a value are left out rather than sent as null. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Order", description = "An order and where it stands.")
public record OrderResponse(
        @Schema(format = "uuid", example = "0b9a4f7e-3c2d-4e5f-8a9b-1c2d3e4f5a6b", required = true)
        String id,
        @Schema(description = "The customer's subject.", example = "alice", required = true)
        String customerId,
        @Schema(required = true)
        OrderState status,
        @Schema(required = true)
        List<LineItem> items,
        @Schema(required = true)
        Amount total,
        @Schema(required = true)
        Address deliveryAddress,
        PaymentSummary payment,
        @Schema(description = "The courier device, once dispatched.", example = "courier-7")
        String deviceId,
        @Schema(description = "Cargo limit in °C, when the order has one.", example = "8")
        Double maxCargoTemperatureC,
        @Schema(description = "Why the order is in its status, when that needs saying.", example = "insufficient_funds")
        String statusReason,
        @Schema(required = true)
        Instant createdAt,
        @Schema(required = true)
        Instant updatedAt,
        @Schema(description = "Grows by one with every state change.", example = "2", required = true)
        long version) {
}
