package dev.dispatch.iot.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import dev.dispatch.iot.model.Binding;
import dev.dispatch.iot.model.Device;
import dev.dispatch.iot.model.DeviceState;
import dev.dispatch.iot.model.DeviceStatus;
import dev.dispatch.iot.repository.DeviceRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every registered device and every active binding, in memory, loaded from the database at start-up; the fast
 * path for ingest decisions and device reads. The database stays the record: each change here is also written
 * (by the ingest batch or the binding transaction).
 * <p>
 * One iot-ingest instance owns the device subscription (a fixed MQTT client id), so this memory is the whole truth
 * of its instance; replicas would need a shared subscription and shared state (see the README).
 */
@ApplicationScoped
public class DeviceRegistry {

    private static final Logger LOG = Logger.getLogger(DeviceRegistry.class);

    private final DeviceRepository repository;
    private final Map<String, DeviceState> devices = new ConcurrentHashMap<>();
    private final Map<String, Binding> bindings = new ConcurrentHashMap<>();

    DeviceRegistry(DeviceRepository repository) {
        this.repository = repository;
    }

    public Uni<Void> load() {
        return repository.loadDevices().flatMap(loaded -> repository.activeBindings().map(active -> {
            devices.clear();
            bindings.clear();
            active.forEach(b -> bindings.put(b.deviceId(), b));
            loaded.forEach(d -> {
                DeviceState device = new DeviceState(d.id(), d.status(), d.registeredAt(), d.lastSeenAt(), d.latest(), bindings.get(d.id()));
                device.credentials(d.credentialsActive(), d.credentialsVersion());
                devices.put(d.id(), device);
            });
            LOG.infof("%d devices and %d active bindings loaded", devices.size(), bindings.size());
            return null;
        }));
    }

    public DeviceState find(String deviceId) {
        return devices.get(deviceId);
    }

    /** The device, registered now unless it was already. */
    public DeviceState register(String deviceId, Instant now) {
        return devices.computeIfAbsent(deviceId, id -> DeviceState.registering(id, now));
    }

    /** The device, registered now as provisioned (offline, never seen) unless it was already. */
    public DeviceState provision(String deviceId, Instant registeredAt) {
        return devices.computeIfAbsent(deviceId, id -> DeviceState.provisioned(id, registeredAt));
    }

    public Binding binding(String deviceId) {
        return bindings.get(deviceId);
    }

    public void bind(Binding binding) {
        bindings.put(binding.deviceId(), binding);
    }

    /** Ends the device's binding if it is this order's; true when it was. */
    public boolean unbind(String deviceId, UUID orderId) {
        Binding current = bindings.get(deviceId);
        return current != null && current.orderId().equals(orderId) && bindings.remove(deviceId, current);
    }

    public Device get(String deviceId) {
        DeviceState state = devices.get(deviceId);
        return state == null ? null : state.snapshot(bindings.get(deviceId));
    }

    /**
     * Devices ordered by id, after the given id (exclusive), of the given status (null: any), among the given ids
     * (empty: all), at most limit.
     */
    public List<Device> list(Set<String> onlyIds, DeviceStatus status, String afterId, int limit) {
        List<Device> page = new ArrayList<>();
        (onlyIds.isEmpty() ? devices.values().stream() : onlyIds.stream().map(devices::get).filter(Objects::nonNull))
                .filter(d -> afterId == null || d.id().compareTo(afterId) > 0)
                .filter(d -> status == null || d.status() == status)
                .sorted(Comparator.comparing(DeviceState::id))
                .limit(limit)
                .forEach(d -> page.add(d.snapshot(bindings.get(d.id()))));
        return page;
    }
}
