package dev.dispatch.gateway.model;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One line of an order. The same rules as order-service's, so that most mistakes are caught, and listed, here; both
 * APIs show an order's lines in this shape.
 */
@Schema(description = "One line of an order.")
public record LineItem(
        @Schema(description = "Stock keeping unit: 2 to 32 upper-case letters, digits or '-', starting with a letter or digit.",
                example = "VAX-COOLER-01")
        @NotNull(message = "is required")
        @Pattern(regexp = "^[A-Z0-9][A-Z0-9-]{1,31}$", message = "must be 2 to 32 upper-case letters, digits or '-', starting with a letter or digit")
        String sku,
        @Schema(description = "What the customer sees.", example = "Insulated vaccine cooler")
        @NotBlank(message = "is required")
        @Size(max = 200, message = "must be at most {max} characters")
        String name,
        @Schema(description = "How many, 1 to 999.", example = "2")
        @NotNull(message = "is required")
        @Min(value = 1, message = "must be between 1 and 999")
        @Max(value = 999, message = "must be between 1 and 999")
        Integer quantity,
        @Schema(description = "Price of one, in minor units of the order's currency (1250 with EUR is 12.50 EUR).", example = "1250")
        @NotNull(message = "is required")
        @Min(value = 0, message = "must be between 0 and 100000000 minor units")
        @Max(value = 100_000_000L, message = "must be between 0 and 100000000 minor units")
        Long unitPriceMinor) {
}
