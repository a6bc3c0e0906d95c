package dev.dispatch.gateway.graphql;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import dev.dispatch.gateway.backend.SensorBackend;
import dev.dispatch.gateway.backend.SensorMessages;
import dev.dispatch.gateway.graphql.type.ProvisionSensorInput;
import dev.dispatch.gateway.graphql.type.Sensor;
import dev.dispatch.gateway.graphql.type.SensorCredentials;
import dev.dispatch.gateway.graphql.type.UpdateSensorConfigInput;
import dev.dispatch.proto.sensor.v1.GetSensorRequest;
import dev.dispatch.proto.sensor.v1.RevokeSensorRequest;
import io.smallrye.mutiny.Uni;

/**
 * Cargo sensors over GraphQL, for operators only, as /api/sensors: the same gRPC calls ({@link SensorBackend}), the same
 * input rules (the model's requests, see {@link InputChecks}) and the same reading of what iot-ingest answers.
 */
@GraphQLApi
public class SensorGraph {

    private static final String INPUT = "input";

    private final SensorBackend sensors;
    private final Callers callers;
    private final InputChecks checks;

    SensorGraph(SensorBackend sensors, Callers callers, InputChecks checks) {
        this.sensors = sensors;
        this.callers = callers;
        this.checks = checks;
    }

    @Query
    @Description("Operators only. One cargo sensor.")
    public Uni<Sensor> sensor(@NonNull @Id String id) {
        return callers.operator()
                .chain(caller -> sensors.get(caller, GetSensorRequest.newBuilder().setSensorId(Ids.sensor(id)).build()))
                .map(GraphQLMapper::toGraphQL);
    }

    @Mutation
    @Description("Operators only. As POST /api/sensors: creates the sensor if it is new and issues a fresh pre-shared key (any "
            + "earlier key stops working). The key is in this answer only.")
    public Uni<SensorCredentials> provisionSensor(@NonNull @Name(INPUT) ProvisionSensorInput input) {
        return callers.operator()
                .chain(caller -> sensors.provision(caller, SensorMessages.provisionRequest(checks.valid(GraphQLMapper.toModel(input), INPUT))))
                .map(GraphQLMapper::toGraphQL);
    }

    @Mutation
    @Description("Operators only. As PUT /api/sensors/{id}/config: fields left out keep their value; sensors observing their "
            + "configuration get the new one pushed.")
    public Uni<Sensor> updateSensorConfig(@NonNull @Name(INPUT) UpdateSensorConfigInput input) {
        return callers.operator()
                .chain(caller -> {
                    String id = Ids.sensor(input.sensorId());
                    return sensors.update(caller, SensorMessages.updateRequest(id, checks.valid(GraphQLMapper.toModel(input), INPUT)));
                })
                .map(GraphQLMapper::toGraphQL);
    }

    @Mutation
    @Description("Operators only. As DELETE /api/sensors/{id}/credentials: the sensor's key stops working; provision it again for a new one.")
    public Uni<Sensor> revokeSensor(@NonNull @Id String id) {
        return callers.operator()
                .chain(caller -> sensors.revoke(caller, RevokeSensorRequest.newBuilder().setSensorId(Ids.sensor(id)).build()))
                .map(GraphQLMapper::toGraphQL);
    }
}
