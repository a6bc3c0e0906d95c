package dev.dispatch.gateway.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "SensorCredentials", description = "The sensor and its DTLS pre-shared key. The key is shown here once and "
        + "never again: store it on the sensor now (e.g. `coap-client -u <pskIdentity> -k <pskKey>`).")
public record SensorCredentialsResponse(
        @Schema(required = true)
        SensorResponse sensor,
        @Schema(description = "The DTLS PSK identity: the sensor id.", example = "tag-1", required = true)
        String pskIdentity,
        @Schema(description = "The pre-shared key as printable ASCII.", example = "q3Rk8ZyB2mXw7LpN4vTd9HsC", required = true)
        String pskKey) {
}
