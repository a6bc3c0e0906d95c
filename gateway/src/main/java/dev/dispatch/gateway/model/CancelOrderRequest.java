package dev.dispatch.gateway.model;

import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A cancellation: REST's (optional) body, and what GraphQL's {@code cancelOrder} arguments are checked as. */
@Schema(description = "Why the order is cancelled (optional).")
public record CancelOrderRequest(
        @Schema(description = "Shown as the order's statusReason.", example = "ordered twice")
        @Size(max = 500, message = "must be at most {max} characters")
        String reason) {
}
