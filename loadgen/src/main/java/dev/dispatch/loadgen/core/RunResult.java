package dev.dispatch.loadgen.core;

import java.util.List;
import java.util.Map;

/**
 * A whole run as written to the JSON file. {@code achievedRate} is requests sent per second of sending (it falls
 * short of {@code targetRate} only when the client itself could not keep up: then the figures say more about the
 * client than the system). {@code unanswered} were still outstanding when the run stopped waiting.
 */
public record RunResult(String scenario, String startedAt, double targetRate, double durationSeconds,
        long plannedRequests, double achievedRate, long unanswered, Map<String, String> settings, List<ResultRow> rows) {
}
