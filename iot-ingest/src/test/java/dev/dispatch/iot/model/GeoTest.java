package dev.dispatch.iot.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Great-circle distances on the spherical Earth (mean radius 6371.0088 km). */
class GeoTest {

    private static final double HALF_CIRCUMFERENCE = Math.PI * 6_371_008.8;

    @Test
    void aPlaceIsNoDistanceFromItself() {
        assertThat(Geo.haversineMeters(52.5321, 13.3849, 52.5321, 13.3849)).isZero();
    }

    @Test
    void aHundredthOfADegreeOfLatitudeIsAbout1112Metres() {
        assertThat(Geo.haversineMeters(52.5421, 13.3849, 52.5321, 13.3849)).isCloseTo(1111.95, within(0.1));
    }

    @Test
    void aDegreeOfLongitudeShrinksWithTheCosineOfTheLatitude() {
        double atEquator = Geo.haversineMeters(0, 0, 0, 1);
        double atSixty = Geo.haversineMeters(60, 0, 60, 1);
        assertThat(atEquator).isCloseTo(HALF_CIRCUMFERENCE / 180, within(0.01));
        assertThat(atSixty / atEquator).isCloseTo(0.5, within(0.001));
    }

    @Test
    void berlinToMunichIsAbout504Kilometres() {
        assertThat(Geo.haversineMeters(52.5200, 13.4050, 48.1351, 11.5820)).isCloseTo(504_000, within(2_000.0));
    }

    @Test
    void itIsSymmetricAndCrossesTheDateLineTheShortWay() {
        assertThat(Geo.haversineMeters(10, 20, -30, 40)).isEqualTo(Geo.haversineMeters(-30, 40, 10, 20));
        assertThat(Geo.haversineMeters(0, 179.5, 0, -179.5)).isCloseTo(HALF_CIRCUMFERENCE / 180, within(0.01));
    }

    @Test
    void antipodesAreHalfTheCircumferenceApartWithoutRoundingPastIt() {
        assertThat(Geo.haversineMeters(90, 0, -90, 0)).isCloseTo(HALF_CIRCUMFERENCE, within(0.01));
        assertThat(Geo.haversineMeters(0, 0, 0, 180)).isCloseTo(HALF_CIRCUMFERENCE, within(0.01));
        assertThat(Geo.haversineMeters(52.5, 13.4, -52.5, -166.6)).isNotNaN().isCloseTo(HALF_CIRCUMFERENCE, within(1.0));
    }
}
