package dev.dispatch.simulator.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.dispatch.simulator.contract.TopicContract;
import dev.dispatch.simulator.device.DeviceSettings;
import dev.dispatch.simulator.geo.GeoPoint;

/**
 * A fleet of alike devices: {@code idPrefix} + 1..{@code devices} (courier-1, courier-2, ...).
 *
 * @param spreadMeters devices after the first start up to this far from {@link DeviceSettings#start()}
 *                     (the same places on every run), so that a map does not show one dot
 */
public record FleetSettings(
        BrokerAddress broker,
        int devices,
        String idPrefix,
        DeviceSettings device,
        double spreadMeters,
        ConnectionSettings connection) {

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
