package dev.dispatch.gateway.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "The outcome of the order's payment.")
public record PaymentSummary(
        @Schema(description = "Set once the payment service answered.", example = "5f0c1d2e-8a7b-4c3d-9e1f-0a1b2c3d4e5f")
        String id,
        @Schema(required = true)
        PaymentState status,
        @Schema(description = "Machine-readable, when declined or failed.", example = "insufficient_funds")
        String reason) {
}
