package dev.dispatch.gateway.graphql;

import java.util.Map;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import dev.dispatch.gateway.backend.DeviceBackend;
import dev.dispatch.gateway.backend.DeviceMessages;
import dev.dispatch.gateway.graphql.type.CommandAccepted;
import dev.dispatch.gateway.graphql.type.Device;
import dev.dispatch.gateway.graphql.type.DeviceConnection;
import dev.dispatch.gateway.model.CommandArgumentsValidator;
import dev.dispatch.gateway.model.CommandType;
import dev.dispatch.gateway.model.DeviceCommandRequest;
import dev.dispatch.gateway.model.DeviceState;
import dev.dispatch.proto.device.v1.GetDeviceRequest;
import dev.dispatch.proto.device.v1.ListDevicesRequest;
import io.smallrye.mutiny.Uni;

/** Devices over GraphQL, for operators, as /api/devices: a customer reaches their courier's device only through Order.delivery. */
@GraphQLApi
public class DeviceGraph {

    private final DeviceBackend devices;
    private final Callers callers;
    private final InputChecks checks;

    DeviceGraph(DeviceBackend devices, Callers callers, InputChecks checks) {
        this.devices = devices;
        this.callers = callers;
        this.checks = checks;
    }

    @Query
    @Description("Operators only. One device.")
    public Uni<Device> device(@NonNull @Id String id) {
        return callers.operator()
                .chain(caller -> devices.get(caller, GetDeviceRequest.newBuilder().setDeviceId(Ids.device(id)).build()))
                .map(GraphQLMapper::toGraphQL);
    }

    @Query
    @Description("Operators only. Devices a page at a time (first: 1 to 100); pass pageInfo.endCursor as after for the next page.")
    public Uni<@NonNull DeviceConnection> devices(DeviceState status, @DefaultValue("20") int first, String after) {
        return callers.operator()
                .chain(caller -> devices.list(caller, ListDevicesRequest.newBuilder()
                        .setStatus(DeviceMessages.status(status))
                        .setPageSize(Ids.first(first))
                        .setPageToken(Ids.after(after))
                        .build()))
                .map(GraphQLMapper::toGraphQL);
    }

    @Mutation
    @Description("Operators only. As POST /api/devices/{id}/commands: seconds (1 to 3600) is for SET_REPORT_INTERVAL only.")
    public Uni<CommandAccepted> sendDeviceCommand(@NonNull @Id String deviceId, @NonNull CommandType type, Integer seconds) {
        return callers.operator()
                .chain(caller -> {
                    DeviceCommandRequest command = checks.valid(new DeviceCommandRequest(type.name(),
                            seconds == null ? null : Map.of(CommandArgumentsValidator.SECONDS, seconds)));
                    return devices.send(caller, DeviceMessages.commandRequest(Ids.device(deviceId), command));
                })
                .map(sent -> GraphQLMapper.toGraphQL(sent, type));
    }
}
