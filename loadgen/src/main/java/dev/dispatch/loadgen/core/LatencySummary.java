package dev.dispatch.loadgen.core;

import org.HdrHistogram.Histogram;

/**
 * Percentiles of a histogram of nanoseconds, in milliseconds (three decimals). The table shows p50, p90, p99, p99.9
 * and max; p95 (ws-fanout's target) is in the JSON and in ws-fanout's closing line.
 */
public record LatencySummary(long count, double minMs, double p50Ms, double p90Ms, double p95Ms, double p99Ms, double p999Ms,
        double maxMs, double meanMs) {

    public static final LatencySummary NONE = new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0, 0);

    public static LatencySummary of(Histogram nanos) {
        if (nanos.getTotalCount() == 0) {
            return NONE;
        }
        return new LatencySummary(nanos.getTotalCount(), ms(nanos.getMinValue()), ms(nanos.getValueAtPercentile(50)),
                ms(nanos.getValueAtPercentile(90)), ms(nanos.getValueAtPercentile(95)), ms(nanos.getValueAtPercentile(99)),
                ms(nanos.getValueAtPercentile(99.9)), ms(nanos.getMaxValue()), ms(nanos.getMean()));
    }

    private static double ms(double nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }
}
