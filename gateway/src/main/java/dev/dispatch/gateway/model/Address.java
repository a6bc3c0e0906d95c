package dev.dispatch.gateway.model;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where an order goes, with the rules it is accepted by; both APIs show an order's address in this shape. */
@Schema(description = "Where the order goes. The coordinates are where the courier's device must arrive.")
public record Address(
        @Schema(example = "Invalidenstraße 116")
        @NotBlank(message = "is required")
        @Size(max = 200, message = "must be at most {max} characters")
        String street,
        @Schema(example = "Berlin")
        @NotBlank(message = "is required")
        @Size(max = 100, message = "must be at most {max} characters")
        String city,
        @Schema(description = "2 to 12 letters, digits, spaces or '-'.", example = "10115")
        @NotNull(message = "is required")
        @Pattern(regexp = "^[A-Za-z0-9][A-Za-z0-9 -]{1,11}$", message = "must be 2 to 12 letters, digits, spaces or '-'")
        String postalCode,
        @Schema(description = "ISO 3166-1 alpha-2, upper case.", example = "DE", pattern = "^[A-Z]{2}$")
        @NotNull(message = "is required")
        @IsoCountry
        String country,
        @Schema(example = "52.5321")
        @NotNull(message = "is required")
        @DecimalMin(value = "-90", message = "must be between -90 and 90")
        @DecimalMax(value = "90", message = "must be between -90 and 90")
        Double latitude,
        @Schema(example = "13.3849")
        @NotNull(message = "is required")
        @DecimalMin(value = "-180", message = "must be between -180 and 180")
        @DecimalMax(value = "180", message = "must be between -180 and 180")
        Double longitude) {
}
