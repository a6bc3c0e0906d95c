package dev.dispatch.iot.model;

/**
 * What operators see of the courier carrying a device, and what their XMPP presence shows. The one rule: offline is
 * offline; online and delivering an order is away; online and free is available.
 */
public enum CourierPresence {
    AVAILABLE,
    AWAY,
    OFFLINE;

    /** binding is the order the device is delivering, or null. */
    public static CourierPresence of(DeviceStatus status, Binding binding) {
        if (status != DeviceStatus.ONLINE) {
            return OFFLINE;
        }
        return binding == null ? AVAILABLE : AWAY;
    }

    /** As the event and the contract spell it (available, away, offline). */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
