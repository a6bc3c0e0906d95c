package dev.dispatch.gateway.model;

import java.util.Locale;

import org.eclipse.microprofile.graphql.Description;

/**
 * What operators see of the courier carrying a device (iot-ingest's rule): AVAILABLE online and free, AWAY online and
 * delivering an order, OFFLINE. GraphQL names it by the constants, REST by {@link #wireName()}.
 */
@Description("The courier's presence, derived from the device's status and its order: AVAILABLE (online, free), AWAY (online, "
        + "delivering an order), OFFLINE.")
public enum CourierPresence {
    AVAILABLE, AWAY, OFFLINE;

    /** available, away, offline: as REST and the courier-presence event spell it. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
