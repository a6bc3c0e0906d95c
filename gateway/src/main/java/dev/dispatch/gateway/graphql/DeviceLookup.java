package dev.dispatch.gateway.graphql;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.dispatch.gateway.backend.DeviceBackend;
import dev.dispatch.platform.identity.CallerIdentity;
import dev.dispatch.proto.device.v1.Device;
import dev.dispatch.proto.device.v1.ListDevicesRequest;
import dev.dispatch.proto.device.v1.ListTelemetryRequest;
import dev.dispatch.proto.device.v1.Telemetry;
import io.smallrye.mutiny.Uni;

/**
 * The devices of one page of deliveries, fetched once for the whole page and only when a field needs them: the first
 * resolver to ask subscribes, the others share the answer. One ListDevices call for {@code device} and
 * {@code lastPosition} together, one ListTelemetry call per distinct {@code last}.
 */
public class DeviceLookup {

    private final DeviceBackend backend;
    private final CallerIdentity caller;
    private final List<String> deviceIds;
    private final Uni<Map<String, Device>> devices;
    private final Map<Integer, Uni<Map<String, List<Telemetry>>>> telemetry = new ConcurrentHashMap<>();

    public DeviceLookup(DeviceBackend backend, CallerIdentity caller, List<String> deviceIds) {
        this.backend = backend;
        this.caller = caller;
        this.deviceIds = deviceIds;
        this.devices = backend.list(caller, ListDevicesRequest.newBuilder().addAllDeviceIds(deviceIds).setPageSize(deviceIds.size()).build())
                .map(page -> page.getDevicesList().stream().collect(Collectors.toMap(Device::getId, Function.identity(), (a, b) -> a)))
                .memoize().indefinitely();
    }

    public Uni<Device> device(String id) {
        return devices.map(all -> all.get(id));
    }

    public Uni<List<Telemetry>> telemetry(String id, int last) {
        return telemetry.computeIfAbsent(last, n -> backend.telemetry(caller, ListTelemetryRequest.newBuilder().addAllDeviceIds(deviceIds).setLimit(n).build())
                        .map(answer -> answer.getReadingsList().stream().collect(Collectors.groupingBy(Telemetry::getDeviceId)))
                        .memoize().indefinitely())
                .map(byDevice -> byDevice.getOrDefault(id, List.of()));
    }
}
