package dev.dispatch.gateway.rest.dto;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A cargo sensor as iot-ingest knows it. Fields without a value are left out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Sensor", description = "A battery-powered cargo sensor that reports over CoAP, and the courier it rides with.")
public record SensorResponse(
        @Schema(description = "Also its DTLS PSK identity.", example = "tag-1", required = true)
        String id,
        @Schema(description = "The courier device whose cargo box it rides in; absent when none.", example = "courier-7")
        String courierDeviceId,
        @Schema(required = true)
        SensorConfigResponse config,
        @Schema(description = "Whether its key is valid; false once revoked.", required = true)
        boolean credentialsActive,
        @Schema(description = "When its current key was issued.")
        Instant provisionedAt,
        @Schema(description = "When the sensor was last heard from.")
        Instant lastSeenAt,
        @Schema(description = "The newest reading, once there is one.")
        SensorReadingResponse latest,
        @Schema(description = "The order its courier is delivering, if any.", format = "uuid", example = "0b9a4f7e-3c2d-4e5f-8a9b-1c2d3e4f5a6b")
        String boundOrderId) {
}
