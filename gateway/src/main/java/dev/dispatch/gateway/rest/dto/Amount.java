package dev.dispatch.gateway.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Money in integer minor units, never a float.")
public record Amount(
        @Schema(description = "e.g. 2500 with EUR is 25.00 EUR.", example = "2500", required = true)
        long amountMinor,
        @Schema(description = "ISO 4217 code.", example = "EUR", required = true)
        String currency) {
}
