package dev.dispatch.gateway.graphql.type;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("SensorCredentials")
@Description("A provisioned sensor and its DTLS pre-shared key. The key is in this answer only, never shown again.")
public record SensorCredentials(
        @NonNull Sensor sensor,
        @NonNull @Description("The DTLS PSK identity: the sensor id.") String pskIdentity,
        @NonNull @Description("The pre-shared key as printable ASCII (coap-client -k).") String pskKey) {
}
