package dev.dispatch.gateway.rest.model;

import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Why the order is cancelled (optional).")
public record CancelOrderRequest(
        @Schema(description = "Shown as the order's statusReason.", example = "ordered twice")
        @Size(max = 500, message = "must be at most {max} characters")
        String reason) {
}
