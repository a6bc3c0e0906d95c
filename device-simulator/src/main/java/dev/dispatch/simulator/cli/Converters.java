package dev.dispatch.simulator.cli;

import java.time.Duration;

import picocli.CommandLine;

import dev.dispatch.simulator.geo.GeoPoint;

/** Option values as the command line takes them; a bad one is a usage error that says why. */
final class Converters {

    private Converters() {
    }

    static final class GeoPointConverter implements CommandLine.ITypeConverter<GeoPoint> {
        @Override
        public GeoPoint convert(String value) {
            try {
                return GeoPoint.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** Seconds, decimals allowed: {@code 2}, {@code 0.5}. */
    static final class SecondsConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            double seconds;
            try {
                seconds = Double.parseDouble(value.trim());
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("expected seconds (e.g. 2 or 0.5), was '" + value + "'");
            }
            if (!Double.isFinite(seconds) || seconds <= 0 || seconds > 31_536_000) {
                throw new CommandLine.TypeConversionException("expected a positive number of seconds, was '" + value + "'");
            }
            return Duration.ofNanos(Math.round(seconds * 1e9));
        }
    }
}
