package dev.dispatch.gateway.graphql;

import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;

import dev.dispatch.gateway.backend.SensorBackend;
import dev.dispatch.gateway.graphql.type.Sensor;
import dev.dispatch.gateway.graphql.type.SensorReading;
import dev.dispatch.gateway.model.PageLimits;
import dev.dispatch.proto.sensor.v1.ListSensorReadingsRequest;
import io.smallrye.mutiny.Uni;

/**
 * The fields of a Sensor that need another call. SensorService reads one sensor's readings at a time, so {@code readings}
 * costs one ListSensorReadings per sensor that selects it ({@code latest} comes with the sensor itself).
 */
@GraphQLApi
public class SensorFields {

    private final SensorBackend sensors;
    private final Callers callers;

    SensorFields(SensorBackend sensors, Callers callers) {
        this.sensors = sensors;
        this.callers = callers;
    }

    @Description("The sensor's newest readings, newest first: limit is 1 to 500.")
    public Uni<@NonNull List<@NonNull SensorReading>> readings(@Source Sensor sensor, @DefaultValue("20") int limit) {
        if (!PageLimits.isReadings(limit)) {
            throw InputChecks.invalid("limit", PageLimits.READINGS_RULE);
        }
        // A Sensor is only ever reached by an operator; asked again, as each way in to sensors does.
        return callers.operator()
                .chain(caller -> sensors.readings(caller, ListSensorReadingsRequest.newBuilder().setSensorId(sensor.id()).setLimit(limit).build()))
                .map(answer -> answer.getReadingsList().stream().map(GraphQLMapper::toGraphQL).toList());
    }
}
