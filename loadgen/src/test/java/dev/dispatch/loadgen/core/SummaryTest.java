package dev.dispatch.loadgen.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class SummaryTest {

    private static final long MS = 1_000_000L;

    @Test
    void percentilesOfOneToAHundredMilliseconds() {
        Latencies latencies = new Latencies();
        for (int i = 1; i <= 100; i++) {
            latencies.record(i * MS);
        }

        LatencySummary summary = LatencySummary.of(latencies.total());

        assertThat(summary.count()).isEqualTo(100);
        // Three significant digits: within 0.1 % of the exact value.
        assertThat(summary.minMs()).isBetween(0.999, 1.001);
        assertThat(summary.p50Ms()).isBetween(49.95, 50.05);
        assertThat(summary.p90Ms()).isBetween(89.9, 90.1);
        assertThat(summary.p95Ms()).isBetween(94.9, 95.1);
        assertThat(summary.p99Ms()).isBetween(98.9, 99.1);
        assertThat(summary.maxMs()).isBetween(99.9, 100.1);
        assertThat(summary.meanMs()).isBetween(50.4, 50.6);
    }

    @Test
    void anEmptyHistogramSummarisesAsZeros() {
        assertThat(LatencySummary.of(new Histogram(3))).isEqualTo(LatencySummary.NONE);
    }

    @Test
    void latenciesBeyondTenMinutesCountAsTenMinutesAndNegativeOnesAsZero() {
        Latencies latencies = new Latencies();
        latencies.record(Long.MAX_VALUE);
        latencies.record(-5);

        LatencySummary summary = LatencySummary.of(latencies.total());

        assertThat(summary.maxMs()).isBetween(599_000.0, 601_000.0);
        assertThat(summary.minMs()).isZero();
    }

    @Test
    void theIntervalHistogramHoldsOnlyWhatCameSinceTheLastOne() {
        Latencies latencies = new Latencies();
        latencies.record(5 * MS);
        latencies.record(7 * MS);
        assertThat(latencies.sinceLastInterval().getTotalCount()).isEqualTo(2);

        latencies.record(9 * MS);

        Histogram second = latencies.sinceLastInterval();
        assertThat(second.getTotalCount()).isEqualTo(1);
        assertThat(LatencySummary.of(second).maxMs()).isBetween(8.99, 9.01);
        assertThat(latencies.total().getTotalCount()).isEqualTo(3);
    }

    @Test
    void theTableHasOneLinePerRowWithCountsAndPercentiles() {
        String table = SummaryTable.render(result());

        List<String> lines = table.lines().toList();
        assertThat(lines.get(0)).isEqualTo("push-latency: 50/s planned, 49.9/s sent, 1500 requests in 30.0 s, 2 unanswered");
        assertThat(lines.get(1)).contains("expected", "ok", "failed", "lost", "dup", "p50 ms", "p99 ms", "p99.9 ms", "max ms");
        assertThat(lines.get(2)).startsWith("requests").contains("1500", "1497", " 3 ", "12.5", "80.3", "250");
        assertThat(lines.get(2).split("\\s+")).containsSubsequence("-", "-");
        assertThat(lines.get(3)).startsWith("paid event, sse").contains(" 1 ", " 2 ", "1.2", "33.0");
        assertThat(lines.get(4)).isEqualTo("  requests failures: http 503 x3");
    }

    @Test
    void theJsonCarriesEveryFigureAndReadsBackTheSame() throws Exception {
        RunResult result = result();

        String json = ResultJson.write(result);

        assertThat(json).contains("\"scenario\" : \"push-latency\"", "\"targetRate\" : 50.0", "\"p99Ms\" : 80.3",
                "\"duplicated\" : 2", "\"http 503\" : 3", "\"unanswered\" : 2");
        assertThat(ResultJson.read(json)).isEqualTo(result);
    }

    private static RunResult result() {
        ResultRow requests = new ResultRow("requests", 1500, 1497, 3, ResultRow.NOT_COUNTED, ResultRow.NOT_COUNTED,
                Map.of("http 503", 3L), new LatencySummary(1500, 4.1, 12.5, 40.2, 60.0, 80.3, 120.7, 250.4, 15.3));
        ResultRow sse = new ResultRow("paid event, sse", 1497, 1496, 1, 1, 2, Map.of(),
                new LatencySummary(1496, 0.8, 1.2, 20.0, 25.0, 33.0, 40.0, 41.0, 5.0));
        return new RunResult("push-latency", "2026-12-03T07:30:00Z", 50, 30, 1500, 49.9, 2,
                Map.of("customer", "bench-x"), List.of(requests, sse));
    }
}
