package dev.dispatch.simulator.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    private static final String EXPOSITION = """
            # HELP dispatch_ingest_accepted_total Messages accepted
            # TYPE dispatch_ingest_accepted_total counter
            dispatch_ingest_accepted_total{kind="telemetry"} 1200.0
            dispatch_ingest_accepted_total{kind="event"} 7.0
            dispatch_ingest_rejected_total{kind="telemetry",reason="out-of-range"} 3.0
            dispatch_ingest_rejected_total{kind="event",reason="unregistered-device"} 2.0
            dispatch_ingest_telemetry_stored_total 1195.0
            dispatch_ingest_telemetry_stored_total_extra 99.0
            weird{label="with \\"quote\\", and comma"} 5 1700000000000
            """;

    @Test
    void countersAreSummedOverTheMatchingLabels() {
        assertThat(PrometheusText.sum(EXPOSITION, "dispatch_ingest_accepted_total", Map.of("kind", "telemetry"))).hasValue(1200.0);
        assertThat(PrometheusText.sum(EXPOSITION, "dispatch_ingest_accepted_total", Map.of())).hasValue(1207.0);
        assertThat(PrometheusText.sum(EXPOSITION, "dispatch_ingest_rejected_total", Map.of())).hasValue(5.0);
        assertThat(PrometheusText.sum(EXPOSITION, "dispatch_ingest_telemetry_stored_total", Map.of())).hasValue(1195.0);
        assertThat(PrometheusText.sum(EXPOSITION, "weird", Map.of("label", "with \"quote\", and comma"))).hasValue(5.0);
    }

    @Test
    void anAbsentCounterIsEmptyNotZero() {
        assertThat(PrometheusText.sum(EXPOSITION, "dispatch_ingest_accepted_total", Map.of("kind", "status"))).isEmpty();
        assertThat(PrometheusText.sum("", "dispatch_ingest_telemetry_stored_total", Map.of())).isEmpty();
        assertThat(PrometheusText.sum("dispatch_ingest_rejected_total{kind=\"x\" 3", "dispatch_ingest_rejected_total", Map.of()))
                .isEqualTo(OptionalDouble.empty());
    }

    @Test
    void theReportSaysNotReportedForAbsentCounters() {
        IngestCounters counters = IngestMetrics.parse("dispatch_ingest_telemetry_stored_total 10\n");
        assertThat(counters.accepted()).isEmpty();
        assertThat(counters.stored()).hasValue(10.0);
        assertThat(IngestCounters.delta(counters.accepted(), counters.accepted())).isEqualTo("not reported");
        assertThat(IngestCounters.delta(OptionalDouble.of(10), OptionalDouble.of(25))).isEqualTo("+15");
    }
}
