package dev.dispatch.loadgen.core;

import java.util.Locale;
import java.util.stream.Collectors;

/** The one-table text summary of a run, printed at its end. */
public final class SummaryTable {

    private static final String ROW = "%-22s %9s %9s %7s %6s %6s %9s %9s %9s %9s %9s%n";

    private SummaryTable() {
    }

    public static String render(RunResult result) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s: %.0f/s planned, %.1f/s sent, %d requests in %.1f s%s%n",
                result.scenario(), result.targetRate(), result.achievedRate(), result.plannedRequests(),
                result.durationSeconds(), result.unanswered() > 0 ? ", " + result.unanswered() + " unanswered" : ""));
        out.append(String.format(Locale.ROOT, ROW, "", "expected", "ok", "failed", "lost", "dup", "p50 ms", "p90 ms",
                "p99 ms", "p99.9 ms", "max ms"));
        for (ResultRow row : result.rows()) {
            LatencySummary l = row.latency();
            out.append(String.format(Locale.ROOT, ROW, row.name(), row.expected(), row.ok(), row.failed(),
                    counted(row.lost()), counted(row.duplicated()), ms(l.p50Ms()), ms(l.p90Ms()), ms(l.p99Ms()),
                    ms(l.p999Ms()), ms(l.maxMs())));
        }
        for (ResultRow row : result.rows()) {
            if (!row.errors().isEmpty()) {
                out.append("  ").append(row.name()).append(" failures: ").append(row.errors().entrySet().stream()
                        .map(e -> e.getKey() + " x" + e.getValue()).collect(Collectors.joining(", "))).append('\n');
            }
        }
        return out.toString();
    }

    private static String counted(long value) {
        return value == ResultRow.NOT_COUNTED ? "-" : Long.toString(value);
    }

    private static String ms(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.1f", value);
    }
}
