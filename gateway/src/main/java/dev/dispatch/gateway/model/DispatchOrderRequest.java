package dev.dispatch.gateway.rest.model;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "The courier device that will carry the order.")
public record DispatchOrderRequest(
        @Schema(description = "1 to 64 letters, digits, '.', '_', ':' or '-'.", example = "courier-7")
        @NotNull(message = "is required")
        @Pattern(regexp = "^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$", message = "must be 1 to 64 letters, digits, '.', '_', ':' or '-'")
        String deviceId) {
}
