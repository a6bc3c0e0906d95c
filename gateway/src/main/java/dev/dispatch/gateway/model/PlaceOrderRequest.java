package dev.dispatch.gateway.model;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A new order as the gateway accepts it, the one set of rules for both APIs: REST's body, and what GraphQL's
 * {@code PlaceOrderInput} is checked as. The annotations are the rules and, for REST, their OpenAPI description.
 */
@Schema(description = "A new order. The customer is the caller (the token's subject).")
public record PlaceOrderRequest(
        @Schema(description = "1 to 100 lines.")
        @NotNull(message = "is required")
        @Size(min = 1, max = 100, message = "must hold {min} to {max} items")
        List<@NotNull(message = "is required") @Valid LineItem> items,
        @Schema(description = "ISO 4217 code of every price and of the total.", example = "EUR", pattern = "^[A-Z]{3}$")
        @NotNull(message = "is required")
        @IsoCurrency
        String currency,
        @NotNull(message = "is required")
        @Valid
        Address deliveryAddress,
        @Schema(description = "Stands for the customer's means of payment. Local test tokens choose the outcome (see the README).",
                example = "tok_approve")
        @NotBlank(message = "is required")
        @Size(max = 128, message = "must be at most {max} characters")
        String paymentToken,
        @Schema(description = "Cargo must stay at or below this temperature, -50 to 50 °C; leave out for no limit.", example = "8")
        @DecimalMin(value = "-50", message = "must be between -50 and 50 degrees Celsius")
        @DecimalMax(value = "50", message = "must be between -50 and 50 degrees Celsius")
        Double maxCargoTemperatureC) {
}
