package dev.dispatch.iot.model;

import java.time.Duration;

/**
 * The thresholds that turn readings into decisions: at most one progress event per order every
 * {@code progressEvery}; a temperature alert after more than {@code temperatureToleratedReadings} readings in a row
 * above the order's limit; a battery alert below {@code batteryLowPercent}, re-armed above it plus
 * {@code batteryHysteresisPercent}.
 */
public record IngestRules(Duration progressEvery, int temperatureToleratedReadings, double batteryLowPercent,
        double batteryHysteresisPercent) {
}
