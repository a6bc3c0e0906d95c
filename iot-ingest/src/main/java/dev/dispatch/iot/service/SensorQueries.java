package dev.dispatch.iot.service;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.dispatch.iot.model.DeviceIds;
import dev.dispatch.iot.model.InvalidRequest;
import dev.dispatch.iot.model.Sensor;
import dev.dispatch.iot.model.SensorConfig;
import dev.dispatch.iot.model.SensorReading;
import dev.dispatch.iot.model.UnknownSensor;
import dev.dispatch.iot.repository.SensorReadingRepository;
import dev.dispatch.iot.repository.SensorRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Sensor reads, from the database (any instance may have changed a sensor): for SensorService and the CoAP config resource. */
@ApplicationScoped
public class SensorQueries {

    public static final int MAX_COURIERS = 100;
    private static final int DEFAULT_READINGS = 20;
    private static final int MAX_READINGS = 500;

    private final SensorRepository sensors;
    private final SensorReadingRepository readings;

    SensorQueries(SensorRepository sensors, SensorReadingRepository readings) {
        this.sensors = sensors;
        this.readings = readings;
    }

    public Uni<Sensor> get(String sensorId) {
        return Uni.createFrom().deferred(() -> sensors.find(validSensorId(sensorId)))
                .map(sensor -> {
                    if (sensor == null) {
                        throw new UnknownSensor(sensorId);
                    }
                    return sensor;
                });
    }

    /** The sensors riding with these couriers (at most 100), or every sensor when none is given; by id. */
    public Uni<List<Sensor>> list(List<String> courierDeviceIds) {
        return Uni.createFrom().deferred(() -> {
            if (courierDeviceIds.size() > MAX_COURIERS) {
                throw new InvalidRequest("courier_device_ids", "at most " + MAX_COURIERS + " ids, not " + courierDeviceIds.size());
            }
            Set<String> distinct = new LinkedHashSet<>();
            for (String id : courierDeviceIds) {
                if (!DeviceIds.isValid(id)) {
                    throw new InvalidRequest("courier_device_ids", "must be 1 to 64 letters, digits, '.', '_', ':' or '-'");
                }
                distinct.add(id);
            }
            return sensors.list(new ArrayList<>(distinct));
        });
    }

    /** The sensor's newest readings, newest first; limit 1..500, 0 for 20. */
    public Uni<List<SensorReading>> readings(String sensorId, int limit) {
        return Uni.createFrom().deferred(() -> {
            validSensorId(sensorId);
            if (limit < 0 || limit > MAX_READINGS) {
                throw new InvalidRequest("limit", "must be 1.." + MAX_READINGS + " (0 for the default " + DEFAULT_READINGS + ")");
            }
            return get(sensorId).flatMap(sensor -> readings.newest(sensorId, limit == 0 ? DEFAULT_READINGS : limit));
        });
    }

    /** What the sensor observes; null when it is unknown or its key is revoked (it gets nothing then). */
    public Uni<SensorConfig> activeConfig(String sensorId) {
        return sensors.activeConfig(sensorId);
    }

    static String validSensorId(String sensorId) {
        if (!DeviceIds.isValid(sensorId)) {
            throw new InvalidRequest("sensor_id", "must be 1 to 64 letters, digits, '.', '_', ':' or '-'");
        }
        return sensorId;
    }
}
