package dev.dispatch.iot.service;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.dispatch.iot.model.Device;
import dev.dispatch.iot.model.DeviceIds;
import dev.dispatch.iot.model.DevicePage;
import dev.dispatch.iot.model.DeviceStatus;
import dev.dispatch.iot.model.InvalidRequest;
import dev.dispatch.iot.model.Reading;
import dev.dispatch.iot.model.UnknownDevice;
import dev.dispatch.iot.repository.TelemetryRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Device reads for DeviceService: devices and telemetry history from the database (the same on every replica), live readings. */
@ApplicationScoped
public class DeviceQueries {

    public static final int MAX_IDS = 100;
    private static final int DEFAULT_PAGE = 20;
    private static final int MAX_PAGE = 100;
    private static final int DEFAULT_READINGS = 20;
    private static final int MAX_READINGS = 500;
    private static final String TOKEN_VERSION = "d1:";

    private final DeviceRegistry registry;
    private final TelemetryRepository telemetry;
    private final TelemetryFeed feed;

    DeviceQueries(DeviceRegistry registry, TelemetryRepository telemetry, TelemetryFeed feed) {
        this.registry = registry;
        this.telemetry = telemetry;
        this.feed = feed;
    }

    public Uni<Device> get(String deviceId) {
        return Uni.createFrom().deferred(() -> registry.get(validId("device_id", deviceId))).map(device -> {
            if (device == null) {
                throw new UnknownDevice(deviceId);
            }
            return device;
        });
    }

    /** Ordered by device id; status null for any; ids empty for all. */
    public Uni<DevicePage> list(DeviceStatus status, List<String> ids, int pageSize, String pageToken) {
        return Uni.createFrom().deferred(() -> {
            Set<String> only = ids("device_ids", ids);
            if (pageSize < 0 || pageSize > MAX_PAGE) {
                throw new InvalidRequest("page_size", "must be 1.." + MAX_PAGE + " (0 for the default " + DEFAULT_PAGE + ")");
            }
            int size = pageSize == 0 ? DEFAULT_PAGE : pageSize;
            String after = decode(pageToken);
            return registry.list(only, status, after, size + 1).map(page -> {
                boolean more = page.size() > size;
                List<Device> devices = more ? new ArrayList<>(page.subList(0, size)) : page;
                return new DevicePage(devices, more ? encode(devices.get(devices.size() - 1).id()) : "");
            });
        });
    }

    /** Newest first per device; exactly one of deviceId or deviceIds. An unknown single device is NOT_FOUND. */
    public Uni<List<Reading>> telemetry(String deviceId, List<String> deviceIds, int limit) {
        return Uni.createFrom().deferred(() -> {
            boolean one = deviceId != null && !deviceId.isEmpty();
            if (one == !deviceIds.isEmpty()) {
                throw new InvalidRequest("device_id", "give exactly one of device_id and device_ids");
            }
            if (limit < 0 || limit > MAX_READINGS) {
                throw new InvalidRequest("limit", "must be 1.." + MAX_READINGS + " (0 for the default " + DEFAULT_READINGS + ")");
            }
            int n = limit == 0 ? DEFAULT_READINGS : limit;
            if (one) {
                return get(deviceId).flatMap(device -> telemetry.newest(List.of(deviceId), n));
            }
            return telemetry.newest(new ArrayList<>(ids("device_ids", deviceIds)), n);
        });
    }

    /** The latest reading (if any), then every new one as it is committed, until the watcher goes away. */
    public Multi<Reading> watch(String deviceId) {
        // Known first (NOT_FOUND otherwise); the latest is read again once the watcher is registered, so none is missed.
        return get(deviceId).onItem().transformToMulti(device -> feed.watch(deviceId, get(deviceId).map(Device::latest)));
    }

    private static String validId(String field, String id) {
        if (!DeviceIds.isValid(id)) {
            throw new InvalidRequest(field, "must be 1 to 64 letters, digits, '.', '_', ':' or '-'");
        }
        return id;
    }

    private static Set<String> ids(String field, List<String> ids) {
        if (ids.size() > MAX_IDS) {
            throw new InvalidRequest(field, "at most " + MAX_IDS + " ids, not " + ids.size());
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (String id : ids) {
            distinct.add(validId(field, id));
        }
        return distinct;
    }

    private static String encode(String lastId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((TOKEN_VERSION + lastId).getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (plain.startsWith(TOKEN_VERSION) && DeviceIds.isValid(plain.substring(TOKEN_VERSION.length()))) {
                return plain.substring(TOKEN_VERSION.length());
            }
        } catch (IllegalArgumentException notBase64) {
            // falls through to the same answer
        }
        throw new InvalidRequest("page_token", "is not a token from a previous ListDevices response");
    }
}
