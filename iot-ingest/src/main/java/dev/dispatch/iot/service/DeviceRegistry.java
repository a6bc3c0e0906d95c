package dev.dispatch.iot.service;

import java.util.List;
import java.util.Set;

import dev.dispatch.iot.model.Device;
import dev.dispatch.iot.model.DeviceStatus;
import dev.dispatch.iot.repository.DeviceRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The registered devices, as the database has them: every replica reads the same rows, so a device registered,
 * bound or changed through one replica is seen by all at once (GetDevice, ListDevices, the unknown-device check of
 * commands). Nothing about devices is kept in memory.
 */
@ApplicationScoped
public class DeviceRegistry {

    private final DeviceRepository repository;

    DeviceRegistry(DeviceRepository repository) {
        this.repository = repository;
    }

    /** The device with its newest reading, active binding and credential state; null if it is not registered. */
    public Uni<Device> get(String deviceId) {
        return repository.find(deviceId);
    }

    public Uni<Boolean> exists(String deviceId) {
        return repository.exists(deviceId);
    }

    /**
     * Devices ordered by id, after the given id (exclusive), of the given status (null: any), among the given ids
     * (empty: all), at most limit.
     */
    public Uni<List<Device>> list(Set<String> onlyIds, DeviceStatus status, String afterId, int limit) {
        return repository.list(onlyIds, status, afterId, limit);
    }
}
