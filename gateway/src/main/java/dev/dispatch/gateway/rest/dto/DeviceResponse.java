package dev.dispatch.gateway.rest.dto;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.dispatch.gateway.model.DeviceState;

/** A courier device as iot-ingest knows it. Fields without a value are left out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Device", description = "A courier device (tracker and cargo sensors) and its newest reading.")
public record DeviceResponse(
        @Schema(example = "courier-7", required = true)
        String id,
        @Schema(required = true)
        DeviceState status,
        @Schema(description = "When the device first said it was online.", required = true)
        Instant registeredAt,
        @Schema(description = "When the device was last heard from.")
        Instant lastSeenAt,
        @Schema(description = "The newest reading, once there is one.")
        Reading latest,
        @Schema(description = "The order the device is delivering, if any.", format = "uuid", example = "0b9a4f7e-3c2d-4e5f-8a9b-1c2d3e4f5a6b")
        String boundOrderId,
        @Schema(description = "The courier's presence: available (online, free), away (online, delivering an order), offline.",
                enumeration = { "available", "away", "offline" }, example = "available")
        String presence,
        @Schema(description = "Whether the device has an MQTT password of its own that logs in (issued and not revoked since).",
                required = true)
        boolean credentialsActive) {
}
