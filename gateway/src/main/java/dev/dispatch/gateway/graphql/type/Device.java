package dev.dispatch.gateway.graphql.type;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.dispatch.gateway.model.CourierPresence;
import dev.dispatch.gateway.model.DeviceState;

@Type("Device")
@Description("A courier device (tracker and cargo sensors) as iot-ingest knows it.")
public record Device(
        @Id @NonNull String id,
        @NonNull DeviceState status,
        @Description("Battery charge in % at the newest reading.") Double battery,
        Instant registeredAt,
        Instant lastSeenAt,
        @Description("The newest reading.") Reading latest,
        @Description("The order the device is delivering, if any.") String boundOrderId,
        @Description("The courier's presence (what operators see, and what the courier's XMPP presence shows).") CourierPresence presence) {
}
