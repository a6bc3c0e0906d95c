package dev.dispatch.loadgen.core;

import java.util.Map;

/**
 * One line of the result: the requests themselves, or something they caused (a push channel). {@code expected}
 * is how many should have been seen, {@code lost} and {@code duplicated} how many were not, or more than once
 * (both -1 where that is not counted, e.g. for plain requests).
 */
public record ResultRow(String name, long expected, long ok, long failed, long lost, long duplicated,
        Map<String, Long> errors, LatencySummary latency) {

    public static final long NOT_COUNTED = -1;

    public static ResultRow requests(String name, Counters counters, LatencySummary latency) {
        return new ResultRow(name, counters.sentCount(), counters.okCount(), counters.failedCount(), NOT_COUNTED,
                NOT_COUNTED, counters.errors(), latency);
    }
}
