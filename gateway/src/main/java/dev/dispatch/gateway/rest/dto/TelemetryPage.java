package dev.dispatch.gateway.rest.dto;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A device's newest readings, newest first.")
public record TelemetryPage(
        @Schema(example = "courier-7", required = true)
        String deviceId,
        @Schema(required = true)
        List<Reading> items) {
}
