package dev.dispatch.iot.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.jboss.logging.Logger;

import dev.dispatch.iot.model.Device;
import dev.dispatch.iot.model.DeviceIds;
import dev.dispatch.iot.model.DevicePasswords;
import dev.dispatch.iot.model.InvalidRequest;
import dev.dispatch.iot.model.UnknownDevice;
import dev.dispatch.iot.repository.DeviceCredentialStore;
import dev.dispatch.iot.repository.DeviceRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The operators' side of the devices' own MQTT logins (issue #16): a fresh password, shown once, and revocation. The
 * broker checks each login with {@link DeviceLogins}; the database is the record, and what every replica reads
 * ({@code Device.credentials_active} included).
 */
@ApplicationScoped
public class DeviceProvisioning {

    /** A device and its new password (the only time it is seen). */
    public record Issued(Device device, String password) {
    }

    private static final Logger LOG = Logger.getLogger(DeviceProvisioning.class);

    private final DeviceRepository devices;
    private final DeviceCredentialStore credentials;
    private final DeviceRegistry registry;

    DeviceProvisioning(DeviceRepository devices, DeviceCredentialStore credentials, DeviceRegistry registry) {
        this.devices = devices;
        this.credentials = credentials;
        this.registry = registry;
    }

    /**
     * Registers the device if it is new (offline until it says online, so that it can log in for the first time) and
     * issues a fresh password: any earlier one stops working.
     */
    public Uni<Issued> issue(String deviceId) {
        return Uni.createFrom().deferred(() -> {
            validId(deviceId);
            String password = DevicePasswords.generate();
            byte[] hash = DevicePasswords.hash(password);
            // Microseconds, as PostgreSQL keeps it.
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            return credentials.pool().withTransaction(tx -> devices.createIfAbsent(tx, deviceId, now)
                            .flatMap(registeredAt -> credentials.issue(tx, deviceId, hash)))
                    // Read once committed: nothing shows a device or a password that is not stored.
                    .flatMap(version -> {
                        LOG.infof("device %s: MQTT credentials issued", deviceId);
                        return registry.get(deviceId);
                    })
                    .map(device -> new Issued(device, password));
        });
    }

    /** The device's password stops working. Unknown device: {@link UnknownDevice}; one without a password is left as it is. */
    public Uni<Device> revoke(String deviceId) {
        return Uni.createFrom().deferred(() -> registry.exists(validId(deviceId)))
                .flatMap(known -> {
                    if (!known) {
                        throw new UnknownDevice(deviceId);
                    }
                    return credentials.revoke(deviceId);
                })
                .flatMap(version -> {
                    if (version != null) {
                        LOG.infof("device %s: MQTT credentials revoked", deviceId);
                    }
                    return registry.get(deviceId);
                });
    }

    private static String validId(String deviceId) {
        if (!DeviceIds.isValid(deviceId)) {
            throw new InvalidRequest("device_id", "must be 1 to 64 letters, digits, '.', '_', ':' or '-'");
        }
        return deviceId;
    }

}
