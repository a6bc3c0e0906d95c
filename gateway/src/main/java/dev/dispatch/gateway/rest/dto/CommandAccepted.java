package dev.dispatch.gateway.rest.dto;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.dispatch.gateway.model.CommandType;

@Schema(description = "The command was handed to the broker for the device (MQTT, QoS 1). The device answers with a "
        + "command-ack event carrying the same commandId.")
public record CommandAccepted(
        @Schema(example = "9b2f6c1e-4d3a-4f5b-8c7d-6e5f4a3b2c1d", required = true)
        String commandId,
        @Schema(example = "courier-7", required = true)
        String deviceId,
        @Schema(required = true)
        CommandType type,
        @Schema(required = true)
        Instant sentAt) {
}
