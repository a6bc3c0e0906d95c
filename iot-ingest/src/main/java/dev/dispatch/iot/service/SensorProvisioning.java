package dev.dispatch.iot.service;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Objects;

import org.jboss.logging.Logger;

import dev.dispatch.iot.model.DeviceIds;
import dev.dispatch.iot.model.InvalidRequest;
import dev.dispatch.iot.model.Sensor;
import dev.dispatch.iot.model.SensorConfig;
import dev.dispatch.iot.model.UnknownSensor;
import dev.dispatch.iot.repository.SensorChangeFeed;
import dev.dispatch.iot.repository.SensorCredentialStore;
import dev.dispatch.iot.repository.SensorRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The operators' side of sensors: provisioning (a sensor and a fresh pre-shared key, shown once), revocation, and
 * configuration changes. Each is one transaction that also NOTIFYs every instance ({@link SensorChangeFeed}): a new
 * configuration is pushed to the sensor's observers, a new or revoked key ends the DTLS sessions of the old one.
 */
@ApplicationScoped
public class SensorProvisioning {

    /** A provisioned sensor and its new key (printable ASCII, what libcoap's {@code -k} takes). */
    public record Provisioned(Sensor sensor, String key) {
    }

    public static final int KEY_LENGTH = 24;
    private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Logger LOG = Logger.getLogger(SensorProvisioning.class);

    private final SensorRepository sensors;
    private final SensorCredentialStore credentials;
    private final SensorChangeFeed feed;
    private final SensorDirectory directory;
    private final SensorQueries queries;

    SensorProvisioning(SensorRepository sensors, SensorCredentialStore credentials, SensorChangeFeed feed, SensorDirectory directory,
            SensorQueries queries) {
        this.sensors = sensors;
        this.credentials = credentials;
        this.feed = feed;
        this.directory = directory;
        this.queries = queries;
    }

    /**
     * Creates the sensor if it is new (unset values take the defaults), otherwise applies what is set (the courier if
     * not empty, configuration values), and issues a fresh key: any earlier one stops working.
     */
    public Uni<Provisioned> provision(String sensorId, String courierDeviceId, Integer reportIntervalSeconds, Double maxTemperatureC,
            Double maxShockG) {
        return Uni.createFrom().deferred(() -> {
            SensorQueries.validSensorId(sensorId);
            String courier = courier(courierDeviceId);
            SensorConfig initial = SensorConfig.initial(reportIntervalSeconds, maxTemperatureC, maxShockG);
            String key = newKey();
            return sensors.pool().withTransaction(tx -> sensors.createIfAbsent(tx, sensorId, courier, initial)
                            .flatMap(created -> created ? Uni.createFrom().voidItem()
                                    : sensors.lock(tx, sensorId).flatMap(settings -> change(tx, settings, courier, reportIntervalSeconds,
                                            maxTemperatureC, maxShockG)))
                            .call(() -> credentials.issue(tx, sensorId, key.getBytes(StandardCharsets.US_ASCII)))
                            .call(() -> feed.credentialsChanged(tx, sensorId)))
                    .invoke(() -> {
                        directory.add(sensorId);
                        LOG.infof("sensor %s provisioned with a new key", sensorId);
                    })
                    .flatMap(done -> queries.get(sensorId))
                    .map(sensor -> new Provisioned(sensor, key));
        });
    }

    /** Deletes the sensor's key: its DTLS handshakes fail from then on, and its open sessions end. */
    public Uni<Sensor> revoke(String sensorId) {
        return Uni.createFrom().deferred(() -> {
            SensorQueries.validSensorId(sensorId);
            return sensors.pool().withTransaction(tx -> credentials.revoke(tx, sensorId)
                            .call(known -> {
                                if (!known) {
                                    throw new UnknownSensor(sensorId);
                                }
                                return feed.credentialsChanged(tx, sensorId);
                            }))
                    .invoke(() -> LOG.infof("sensor %s revoked", sensorId))
                    .flatMap(done -> queries.get(sensorId));
        });
    }

    /** Changes what is set (null keeps a value; an empty courier keeps the courier); a new configuration is pushed to observers. */
    public Uni<Sensor> update(String sensorId, String courierDeviceId, Integer reportIntervalSeconds, Double maxTemperatureC, Double maxShockG) {
        return Uni.createFrom().deferred(() -> {
            SensorQueries.validSensorId(sensorId);
            String courier = courier(courierDeviceId);
            SensorConfig.initial(reportIntervalSeconds, maxTemperatureC, maxShockG); // the values' own ranges, before any transaction
            return sensors.pool().withTransaction(tx -> sensors.lock(tx, sensorId).flatMap(settings -> {
                        if (settings == null) {
                            throw new UnknownSensor(sensorId);
                        }
                        return change(tx, settings, courier, reportIntervalSeconds, maxTemperatureC, maxShockG);
                    }))
                    .flatMap(done -> queries.get(sensorId));
        });
    }

    private Uni<Void> change(SqlClient tx, SensorRepository.Settings settings, String courier, Integer interval,
            Double temperature, Double shock) {
        SensorConfig config = settings.config().with(interval, temperature, shock);
        String newCourier = courier == null ? settings.courierDeviceId() : courier;
        boolean configChanged = config.version() != settings.config().version();
        if (!configChanged && Objects.equals(newCourier, settings.courierDeviceId())) {
            return Uni.createFrom().voidItem();
        }
        return sensors.update(tx, new SensorRepository.Settings(settings.id(), newCourier, config))
                .call(() -> configChanged ? feed.configChanged(tx, settings.id()) : Uni.createFrom().voidItem())
                .invoke(() -> {
                    if (configChanged) {
                        LOG.infof("sensor %s: configuration version %d", settings.id(), config.version());
                    }
                });
    }

    /** Null for none (empty), else a valid device id. */
    private static String courier(String courierDeviceId) {
        if (courierDeviceId == null || courierDeviceId.isEmpty()) {
            return null;
        }
        if (!DeviceIds.isValid(courierDeviceId)) {
            throw new InvalidRequest("courier_device_id", "must be empty or 1 to 64 letters, digits, '.', '_', ':' or '-'");
        }
        return courierDeviceId;
    }

    /** 24 letters and digits from a SecureRandom: about 143 bits. */
    static String newKey() {
        StringBuilder key = new StringBuilder(KEY_LENGTH);
        for (int i = 0; i < KEY_LENGTH; i++) {
            key.append(KEY_ALPHABET.charAt(RANDOM.nextInt(KEY_ALPHABET.length())));
        }
        return key.toString();
    }
}
