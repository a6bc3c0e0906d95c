package dev.dispatch.gateway.graphql;

import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;

import dev.dispatch.gateway.graphql.type.Delivery;
import dev.dispatch.gateway.graphql.type.Device;
import dev.dispatch.gateway.graphql.type.Position;
import dev.dispatch.gateway.graphql.type.Reading;
import dev.dispatch.gateway.model.PageLimits;
import io.smallrye.mutiny.Uni;

/** The fields of a Delivery, from iot-ingest through the page's shared {@link DeviceLookup}. */
@GraphQLApi
public class DeliveryFields {

    @Description("The courier's device.")
    public Uni<Device> device(@Source Delivery delivery) {
        return delivery.lookup().device(delivery.getDeviceId()).map(d -> d == null ? null : GraphQLMapper.toGraphQL(d));
    }

    @Description("Where the device last reported itself, and how far that is from the delivery address; null before its first reading.")
    public Uni<Position> lastPosition(@Source Delivery delivery) {
        return delivery.lookup().device(delivery.getDeviceId())
                .map(d -> d == null || !d.hasLatest() ? null : GraphQLMapper.toPosition(d.getLatest(), delivery.destination()));
    }

    @Description("The device's newest readings, newest first: last is 1 to 500.")
    public Uni<@NonNull List<@NonNull Reading>> telemetry(@Source Delivery delivery, @DefaultValue("5") int last) {
        if (!PageLimits.isReadings(last)) {
            throw InputChecks.invalid("last", PageLimits.READINGS_RULE);
        }
        return delivery.lookup().telemetry(delivery.getDeviceId(), last).map(readings -> readings.stream().map(GraphQLMapper::toGraphQL).toList());
    }
}
