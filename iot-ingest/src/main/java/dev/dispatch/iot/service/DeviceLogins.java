package dev.dispatch.iot.service;

import dev.dispatch.iot.model.DeviceIds;
import dev.dispatch.iot.model.DevicePasswords;
import dev.dispatch.iot.repository.DeviceCredentialStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether a device's MQTT login is valid: the broker asks on every device connect. One primary-key read and one
 * SHA-256; the answer is the same yes-or-no whether the device is unknown, has no password, or gave the wrong one.
 */
@ApplicationScoped
public class DeviceLogins {

    private final DeviceCredentialStore credentials;

    DeviceLogins(DeviceCredentialStore credentials) {
        this.credentials = credentials;
    }

    /** True when the device exists and the password is its active one. */
    public Uni<Boolean> valid(String username, String password) {
        if (!DeviceIds.isValid(username)) {
            // No device can have this name; the comparison is still made, so that the answer takes as long.
            return Uni.createFrom().item(DevicePasswords.matches(password, null));
        }
        return credentials.activeHash(username).map(hash -> DevicePasswords.matches(password, hash));
    }
}
