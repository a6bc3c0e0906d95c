package dev.dispatch.loadgen.core;

import java.util.concurrent.TimeUnit;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latencies in nanoseconds, three significant digits, up to ten minutes (longer ones count as ten minutes): the
 * whole run, and the interval since the last progress line.
 */
public final class Latencies {

    static final long HIGHEST = TimeUnit.MINUTES.toNanos(10);

    private final ConcurrentHistogram total = new ConcurrentHistogram(HIGHEST, 3);
    private final Recorder interval = new Recorder(HIGHEST, 3);
    private Histogram recycled;

    public void record(long nanos) {
        long value = Math.max(0, Math.min(nanos, HIGHEST));
        total.recordValue(value);
        interval.recordValue(value);
    }

    /** A copy of everything recorded so far. */
    public Histogram total() {
        return total.copy();
    }

    /** What was recorded since the previous call (for the progress line). */
    public synchronized Histogram sinceLastInterval() {
        recycled = interval.getIntervalHistogram(recycled);
        return recycled.copy();
    }
}
