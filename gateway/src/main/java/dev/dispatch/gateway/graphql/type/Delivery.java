package dev.dispatch.gateway.graphql.type;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Type;

import dev.dispatch.gateway.graphql.DeviceLookup;
import dev.dispatch.gateway.model.Address;

/**
 * A dispatched order on its way. Its fields come from iot-ingest; every delivery of one page of orders shares one
 * {@link DeviceLookup}, so the page costs one ListDevices and one ListTelemetry call, and none when not selected.
 */
@Type("Delivery")
@Description("A dispatched order on its way: the courier's device, where it is, what it reported.")
public class Delivery {

    private final String deviceId;
    private final Address destination;
    private final DeviceLookup lookup;

    public Delivery(String deviceId, Address destination, DeviceLookup lookup) {
        this.deviceId = deviceId;
        this.destination = destination;
        this.lookup = lookup;
    }

    public String getDeviceId() {
        return deviceId;
    }

    @Ignore
    public Address destination() {
        return destination;
    }

    @Ignore
    public DeviceLookup lookup() {
        return lookup;
    }
}
