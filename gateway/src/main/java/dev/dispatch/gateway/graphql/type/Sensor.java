package dev.dispatch.gateway.graphql.type;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** A cargo sensor as iot-ingest's SensorService answers it; {@code readings} is fetched only when a query selects it. */
@Type("Sensor")
@Description("A battery-powered cargo sensor that reports over CoAP, and the courier it rides with. Operators only.")
public record Sensor(
        @Id @NonNull @Description("Also its DTLS PSK identity.") String id,
        @Description("The courier device whose cargo box it rides in; null when none.") String courierDeviceId,
        @NonNull SensorConfig config,
        @Description("Whether its key is valid; false once revoked.") boolean credentialsActive,
        @Description("When its current key was issued.") Instant provisionedAt,
        @Description("When the sensor was last heard from.") Instant lastSeenAt,
        @Description("The newest reading.") SensorReading latest,
        @Description("The order its courier is delivering, if any.") String boundOrderId) {
}
