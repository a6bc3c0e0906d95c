package dev.dispatch.simulator.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.dispatch.simulator.contract.DeviceCredentials;
import dev.dispatch.simulator.contract.TopicContract;
import dev.dispatch.simulator.device.DeviceSettings;
import dev.dispatch.simulator.geo.GeoPoint;

/**
 * A fleet of alike devices: {@code idPrefix} + 1..{@code devices} (courier-1, courier-2, ...).
 *
 * @param broker       where the devices connect, and the shared login they use when they have no credentials of their own
 * @param spreadMeters devices after the first start up to this far from {@link DeviceSettings#start()}
 *                     (the same places on every run), so that a map does not show one dot
 * @param credentials  each device's own login by device id, as an operator issued it; empty: every device logs in with
 *                     the broker's shared user and password (the operators' login of tests and older setups)
 */
public record FleetSettings(
        BrokerAddress broker,
        int devices,
        String idPrefix,
        DeviceSettings device,
        double spreadMeters,
        ConnectionSettings connection,
        Map<String, DeviceCredentials> credentials) {

    public static final int MAX_DEVICES = 100_000;

    public FleetSettings {
        if (broker == null || device == null || connection == null) {
            throw new IllegalArgumentException("broker, device and connection settings are required");
        }
        if (devices < 1 || devices > MAX_DEVICES) {
            throw new IllegalArgumentException("devices must be from 1 to " + MAX_DEVICES + ", was " + devices);
        }
        if (idPrefix == null) {
            throw new IllegalArgumentException("id prefix is required");
        }
        // The longest id must follow the contract too.
        TopicContract.requireValidDeviceId(idPrefix + devices);
        if (!(spreadMeters >= 0 && spreadMeters <= 50_000)) {
            throw new IllegalArgumentException("spread must be from 0 to 50000 m, was " + spreadMeters);
        }
        credentials = Map.copyOf(credentials == null ? Map.of() : credentials);
        if (!credentials.isEmpty()) {
            for (int i = 1; i <= devices; i++) {
                DeviceCredentials own = credentials.get(idPrefix + i);
                if (own == null || !own.deviceId().equals(idPrefix + i)) {
                    throw new IllegalArgumentException("no credentials for " + idPrefix + i + ": give every device its own, or none");
                }
            }
        }
    }

    /** Every device with the broker's shared login. */
    public FleetSettings(BrokerAddress broker, int devices, String idPrefix, DeviceSettings device, double spreadMeters,
                         ConnectionSettings connection) {
        this(broker, devices, idPrefix, device, spreadMeters, connection, Map.of());
    }

    /** Each device logs in with its own credentials (by device id; one for every device). */
    public FleetSettings withCredentials(Map<String, DeviceCredentials> own) {
        return new FleetSettings(broker, devices, idPrefix, device, spreadMeters, connection, own);
    }

    public FleetSettings withConnection(ConnectionSettings value) {
        return new FleetSettings(broker, devices, idPrefix, device, spreadMeters, value, credentials);
    }

    /** Where one device connects and as whom: itself with its own password, or the shared login. */
    public BrokerAddress login(String deviceId) {
        DeviceCredentials own = credentials.get(deviceId);
        return own == null ? broker : new BrokerAddress(broker.host(), broker.port(), own.username(), own.password());
    }

    public List<String> deviceIds() {
        List<String> ids = new ArrayList<>(devices);
        for (int i = 1; i <= devices; i++) {
            ids.add(idPrefix + i);
        }
        return ids;
    }

    /** The settings of the n-th device (from 1): the fleet's, with its own start within the spread. */
    public DeviceSettings deviceSettings(int number) {
        if (number == 1 || spreadMeters == 0) {
            return device;
        }
        Random place = new Random(number);
        double north = (place.nextDouble() * 2 - 1) * spreadMeters;
        double east = (place.nextDouble() * 2 - 1) * spreadMeters;
        GeoPoint start = device.start().offset(north, east);
        return device.withStart(start);
    }
}
