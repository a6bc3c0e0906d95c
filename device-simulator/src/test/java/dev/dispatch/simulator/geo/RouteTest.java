package dev.dispatch.simulator.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RouteTest {

    private static final GeoPoint ALEXANDERPLATZ = new GeoPoint(52.5219, 13.4132);
    private static final GeoPoint INVALIDENSTRASSE = new GeoPoint(52.5321, 13.3849);

    @Test
    void haversineMatchesKnownDistances() {
        // One degree of latitude is 111.2 km on the mean sphere; Berlin to Paris about 878 km.
        assertThat(new GeoPoint(0, 0).distanceTo(new GeoPoint(1, 0))).isCloseTo(111_195, within(1.0));
        assertThat(new GeoPoint(52.5200, 13.4050).distanceTo(new GeoPoint(48.8566, 2.3522))).isCloseTo(877_500, within(1_500.0));
        assertThat(ALEXANDERPLATZ.distanceTo(ALEXANDERPLATZ)).isZero();
    }

    @Test
    void aStreetRouteGoesAlongTheLatitudeFirstThenTheLongitude() {
        Route route = Route.of(RouteShape.STREETS, ALEXANDERPLATZ, INVALIDENSTRASSE);

        GeoPoint corner = new GeoPoint(INVALIDENSTRASSE.latitude(), ALEXANDERPLATZ.longitude());
        assertThat(route.waypoints()).containsExactly(ALEXANDERPLATZ, corner, INVALIDENSTRASSE);
        double north = ALEXANDERPLATZ.distanceTo(corner);
        assertThat(route.lengthMeters()).isCloseTo(north + corner.distanceTo(INVALIDENSTRASSE), within(1e-6));
        assertThat(route.lengthMeters()).isGreaterThan(ALEXANDERPLATZ.distanceTo(INVALIDENSTRASSE));

        GeoPoint halfwayNorth = route.pointAt(north / 2);
        assertThat(halfwayNorth.longitude()).isEqualTo(ALEXANDERPLATZ.longitude());
        assertThat(halfwayNorth.distanceTo(ALEXANDERPLATZ)).isCloseTo(north / 2, within(0.5));
        GeoPoint onSecondLeg = route.pointAt(north + 100);
        assertThat(onSecondLeg.latitude()).isCloseTo(INVALIDENSTRASSE.latitude(), within(1e-9));
        assertThat(onSecondLeg.distanceTo(corner)).isCloseTo(100, within(0.5));
    }

    @Test
    void walkingARouteStartsAtTheStartAndStopsAtTheDestination() {
        Route route = Route.of(RouteShape.STRAIGHT, ALEXANDERPLATZ, INVALIDENSTRASSE);

        assertThat(route.waypoints()).hasSize(2);
        assertThat(route.pointAt(-5)).isEqualTo(ALEXANDERPLATZ);
        assertThat(route.pointAt(0)).isEqualTo(ALEXANDERPLATZ);
        assertThat(route.pointAt(route.lengthMeters())).isEqualTo(INVALIDENSTRASSE);
        assertThat(route.pointAt(route.lengthMeters() * 10)).isEqualTo(INVALIDENSTRASSE);
        double previous = Double.MAX_VALUE;
        for (double m = 0; m < route.lengthMeters(); m += 100) {
            double left = route.pointAt(m).distanceTo(INVALIDENSTRASSE);
            assertThat(left).isLessThan(previous);
            previous = left;
        }
    }

    @Test
    void aRouteAlongOneStreetHasNoCorner() {
        GeoPoint north = new GeoPoint(52.53, ALEXANDERPLATZ.longitude());
        assertThat(Route.of(RouteShape.STREETS, ALEXANDERPLATZ, north).waypoints()).containsExactly(ALEXANDERPLATZ, north);
        assertThat(Route.of(RouteShape.STREETS, ALEXANDERPLATZ, ALEXANDERPLATZ).lengthMeters()).isZero();
    }

    @Test
    void offsetMovesByMeters() {
        GeoPoint moved = ALEXANDERPLATZ.offset(300, -400);
        assertThat(moved.distanceTo(ALEXANDERPLATZ)).isCloseTo(500, within(0.5));
        assertThat(moved.latitude()).isGreaterThan(ALEXANDERPLATZ.latitude());
        assertThat(moved.longitude()).isLessThan(ALEXANDERPLATZ.longitude());
        assertThat(new GeoPoint(89.99999, 0).offset(10_000, 0).latitude()).isEqualTo(90.0);
    }

    @Test
    void pointsOutOfRangeOrUnparseableAreRefusedWithTheReason() {
        assertThat(GeoPoint.parse(" 52.5 , 13.4 ")).isEqualTo(new GeoPoint(52.5, 13.4));
        assertThatThrownBy(() -> new GeoPoint(91, 0)).hasMessage("latitude must be from -90 to 90, was 91.0");
        assertThatThrownBy(() -> new GeoPoint(0, -180.5)).hasMessage("longitude must be from -180 to 180, was -180.5");
        assertThatThrownBy(() -> new GeoPoint(Double.NaN, 0)).hasMessageStartingWith("latitude must be");
        assertThatThrownBy(() -> GeoPoint.parse("52.5")).hasMessageContaining("expected latitude,longitude");
        assertThatThrownBy(() -> GeoPoint.parse("north,east")).hasMessageContaining("decimal degrees");
        assertThatThrownBy(() -> GeoPoint.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
