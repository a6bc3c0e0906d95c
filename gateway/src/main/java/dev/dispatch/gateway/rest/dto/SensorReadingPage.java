package dev.dispatch.gateway.rest.dto;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A sensor's newest readings, newest first.")
public record SensorReadingPage(
        @Schema(example = "tag-1", required = true)
        String sensorId,
        @Schema(required = true)
        List<SensorReadingResponse> items) {
}
