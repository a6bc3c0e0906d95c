package dev.dispatch.gateway.model;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A dispatch: REST's body, and what GraphQL's {@code dispatchOrder} arguments are checked as. */
@Schema(description = "The courier device that will carry the order.")
public record DispatchOrderRequest(
        @Schema(description = "1 to 64 letters, digits, '.', '_', ':' or '-'.", example = "courier-7")
        @NotNull(message = "is required")
        @Pattern(regexp = DeviceIds.REGEX, message = DeviceIds.RULE)
        String deviceId) {
}
