package dev.dispatch.gateway.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;

import dev.dispatch.gateway.backend.SensorBackend;
import dev.dispatch.gateway.graphql.type.Device;
import dev.dispatch.gateway.graphql.type.Sensor;
import dev.dispatch.platform.identity.CallerIdentity;
import dev.dispatch.proto.sensor.v1.ListSensorsRequest;
import dev.dispatch.proto.sensor.v1.ListSensorsResponse;
import io.smallrye.mutiny.Uni;

/**
 * The fields of a Device that other services know, resolved for all the devices of an answer at once (SmallRye batches a
 * {@code @Source List}) and only when selected: a page of devices, or the devices of a page of deliveries, costs one
 * ListSensors call for all their sensors.
 */
@GraphQLApi
public class DeviceFields {

    /** SensorService takes at most this many courier ids per ListSensors call. */
    static final int MAX_COURIERS_PER_CALL = 100;

    private final SensorBackend sensors;
    private final Callers callers;

    DeviceFields(SensorBackend sensors, Callers callers) {
        this.sensors = sensors;
        this.callers = callers;
    }

    @NonNull
    @Description("Operators only. The cargo sensors riding with this courier device (CoAP, from iot-ingest).")
    public Uni<List<@NonNull List<@NonNull Sensor>>> sensors(@Source List<Device> devices) {
        List<String> ids = devices.stream().map(Device::id).distinct().toList();
        return callers.operator()
                .chain(caller -> sensorsOf(caller, ids))
                .map(byCourier -> devices.stream().map(d -> byCourier.getOrDefault(d.id(), List.of())).toList());
    }

    /** The sensors of these couriers, by courier: one call per hundred couriers, so one for any page of devices. */
    private Uni<Map<String, List<Sensor>>> sensorsOf(CallerIdentity caller, List<String> courierIds) {
        List<Uni<ListSensorsResponse>> calls = new ArrayList<>();
        for (int from = 0; from < courierIds.size(); from += MAX_COURIERS_PER_CALL) {
            List<String> chunk = courierIds.subList(from, Math.min(from + MAX_COURIERS_PER_CALL, courierIds.size()));
            calls.add(sensors.list(caller, ListSensorsRequest.newBuilder().addAllCourierDeviceIds(chunk).build()));
        }
        if (calls.isEmpty()) {
            return Uni.createFrom().item(Map.of()); // no courier: asking with no ids would list every sensor
        }
        Set<String> asked = Set.copyOf(courierIds);
        return Uni.join().all(calls).andFailFast()
                .map(answers -> answers.stream()
                        .flatMap(answer -> answer.getSensorsList().stream())
                        .filter(s -> asked.contains(s.getCourierDeviceId()))
                        .map(GraphQLMapper::toGraphQL)
                        .collect(Collectors.groupingBy(Sensor::courierDeviceId)));
    }
}
