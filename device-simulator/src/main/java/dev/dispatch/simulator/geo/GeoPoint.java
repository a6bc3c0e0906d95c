package dev.dispatch.simulator.geo;

import java.util.Locale;

/** A position in WGS 84 degrees. */
public record GeoPoint(double latitude, double longitude) {

    /** The mean Earth radius (IUGG), as haversine distances use it. */
    public static final double EARTH_RADIUS_METERS = 6_371_008.8;

    public GeoPoint {
        if (!Double.isFinite(latitude) || latitude < -90 || latitude > 90) {
            throw new IllegalArgumentException("latitude must be from -90 to 90, was " + latitude);
        }
        if (!Double.isFinite(longitude) || longitude < -180 || longitude > 180) {
            throw new IllegalArgumentException("longitude must be from -180 to 180, was " + longitude);
        }
    }

    /** Parses {@code "52.52,13.405"}. */
    public static GeoPoint parse(String text) {
        String[] parts = text == null ? new String[0] : text.split(",", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected latitude,longitude (e.g. 52.52,13.405), was '" + text + "'");
        }
        try {
            return new GeoPoint(Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected latitude,longitude as decimal degrees, was '" + text + "'");
        }
    }

    /** Great-circle distance by the haversine formula. */
    public double distanceTo(GeoPoint other) {
        double phi1 = Math.toRadians(latitude);
        double phi2 = Math.toRadians(other.latitude);
        double dPhi = phi2 - phi1;
        double dLambda = Math.toRadians(other.longitude - longitude);
        double h = Math.sin(dPhi / 2) * Math.sin(dPhi / 2)
                + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) * Math.sin(dLambda / 2);
        return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    /**
     * The point a fraction of the way to {@code other}, interpolating the degrees. Exact enough for
     * the city-sized legs of a route, where a street runs along one axis anyway.
     */
    public GeoPoint towards(GeoPoint other, double fraction) {
        double f = Math.max(0, Math.min(1, fraction));
        return new GeoPoint(latitude + (other.latitude - latitude) * f, longitude + (other.longitude - longitude) * f);
    }

    /** Moved by a few meters north and east (negative: south, west), kept within the valid ranges. */
    public GeoPoint offset(double northMeters, double eastMeters) {
        double dLat = Math.toDegrees(northMeters / EARTH_RADIUS_METERS);
        double cos = Math.max(1e-6, Math.cos(Math.toRadians(latitude)));
        double dLon = Math.toDegrees(eastMeters / (EARTH_RADIUS_METERS * cos));
        return new GeoPoint(clamp(latitude + dLat, -90, 90), clamp(longitude + dLon, -180, 180));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.6f,%.6f", latitude, longitude);
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }
}
