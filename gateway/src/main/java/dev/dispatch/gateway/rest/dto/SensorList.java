package dev.dispatch.gateway.rest.dto;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Cargo sensors: all of them, or those riding with one courier.")
public record SensorList(
        @Schema(required = true)
        List<SensorResponse> items) {
}
