package dev.dispatch.simulator.device;

import dev.dispatch.simulator.geo.GeoPoint;
import dev.dispatch.simulator.geo.Route;

/** An order the device is driving to, and how far along its route it is. */
public record Assignment(String orderId, Route route, double travelledMeters) {

    public GeoPoint destination() {
        return route.destination();
    }

    public double remainingMeters() {
        return Math.max(0, route.lengthMeters() - travelledMeters);
    }

    Assignment travelled(double meters) {
        return new Assignment(orderId, route, travelledMeters + meters);
    }
}
