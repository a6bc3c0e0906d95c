package dev.dispatch.simulator.geo;

import java.util.ArrayList;
import java.util.List;

/** A path of straight legs between waypoints, walked by distance travelled. Immutable. */
public final class Route {

    private final List<GeoPoint> waypoints;
    private final double[] legMeters;
    private final double lengthMeters;

    private Route(List<GeoPoint> waypoints) {
        this.waypoints = List.copyOf(waypoints);
        this.legMeters = new double[waypoints.size() - 1];
        double total = 0;
        for (int i = 0; i < legMeters.length; i++) {
            legMeters[i] = waypoints.get(i).distanceTo(waypoints.get(i + 1));
            total += legMeters[i];
        }
        this.lengthMeters = total;
    }

    public static Route of(RouteShape shape, GeoPoint from, GeoPoint to) {
        List<GeoPoint> points = new ArrayList<>();
        points.add(from);
        if (shape == RouteShape.STREETS) {
            GeoPoint corner = new GeoPoint(to.latitude(), from.longitude());
            if (!corner.equals(from) && !corner.equals(to)) {
                points.add(corner);
            }
        }
        points.add(to);
        return new Route(points);
    }

    public List<GeoPoint> waypoints() {
        return waypoints;
    }

    public GeoPoint start() {
        return waypoints.get(0);
    }

    public GeoPoint destination() {
        return waypoints.get(waypoints.size() - 1);
    }

    public double lengthMeters() {
        return lengthMeters;
    }

    /** Where a device is after travelling this far along the route; the destination from its length on. */
    public GeoPoint pointAt(double travelledMeters) {
        if (travelledMeters <= 0) {
            return start();
        }
        double left = travelledMeters;
        for (int i = 0; i < legMeters.length; i++) {
            if (left < legMeters[i]) {
                return waypoints.get(i).towards(waypoints.get(i + 1), left / legMeters[i]);
            }
            left -= legMeters[i];
        }
        return destination();
    }
}
