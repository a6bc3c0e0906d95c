package dev.dispatch.loadgen.core;

import java.util.Locale;

import org.HdrHistogram.Histogram;

/** The line printed every second while a run goes: totals so far, and the last second's latencies. */
public final class Progress {

    private Progress() {
    }

    public static String line(long elapsedSeconds, Counters counters, Histogram lastInterval) {
        LatencySummary l = LatencySummary.of(lastInterval);
        return String.format(Locale.ROOT, "%4ds sent %7d ok %7d failed %5d in flight %5d | last 1 s: %5d answers, p50 %8.1f ms, p99 %8.1f ms, max %8.1f ms",
                elapsedSeconds, counters.sentCount(), counters.okCount(), counters.failedCount(), counters.inFlight(),
                l.count(), l.p50Ms(), l.p99Ms(), l.maxMs());
    }
}
