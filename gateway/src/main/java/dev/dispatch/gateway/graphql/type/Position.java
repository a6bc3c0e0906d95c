package dev.dispatch.gateway.graphql.type;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

@Type("Position")
@Description("Where the courier's device last reported itself.")
public record Position(
        double latitude,
        double longitude,
        @Description("The device's clock at the reading.") Instant at,
        @Description("Straight-line metres to the order's delivery address.") double distanceMeters) {
}
