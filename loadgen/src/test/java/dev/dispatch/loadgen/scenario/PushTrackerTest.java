package dev.dispatch.loadgen.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.dispatch.loadgen.core.ResultRow;

class PushTrackerTest {

    private static final long MS = 1_000_000L;

    private final PushTracker tracker = new PushTracker(List.of("sse", "websocket"));

    @Test
    void anEventOnEachChannelExactlyOnceIsCompleteWithItsLatencyFromTheDueTime() {
        tracker.expect("order-1", 1_000 * MS);
        tracker.arrived("sse", "order-1", 1_040 * MS);
        assertThat(tracker.complete()).isFalse();
        tracker.arrived("websocket", "order-1", 1_060 * MS);

        assertThat(tracker.complete()).isTrue();
        List<ResultRow> rows = tracker.rows("paid, ");
        assertThat(rows).extracting(ResultRow::name).containsExactly("paid, sse", "paid, websocket");
        assertThat(rows.get(0).latency().maxMs()).isBetween(39.9, 40.1);
        assertThat(rows.get(1).latency().maxMs()).isBetween(59.9, 60.1);
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.expected()).isEqualTo(1);
            assertThat(row.ok()).isEqualTo(1);
            assertThat(row.lost()).isZero();
            assertThat(row.duplicated()).isZero();
        });
    }

    @Test
    void anEventThatArrivesBeforeThePostIsAnsweredStillCounts() {
        tracker.arrived("sse", "order-1", 1_010 * MS);
        tracker.arrived("websocket", "order-1", 1_020 * MS);
        tracker.expect("order-1", 1_000 * MS);

        assertThat(tracker.complete()).isTrue();
        assertThat(tracker.rows("").get(0).latency().maxMs()).isBetween(9.9, 10.1);
    }

    @Test
    void missingEventsAreLostAndRepeatedOnesDuplicatedPerChannel() {
        tracker.expect("order-1", 0);
        tracker.expect("order-2", 0);
        tracker.arrived("sse", "order-1", 5 * MS);
        tracker.arrived("sse", "order-1", 6 * MS);
        tracker.arrived("sse", "order-1", 7 * MS);
        tracker.arrived("websocket", "order-1", 5 * MS);
        tracker.arrived("websocket", "order-2", 5 * MS);

        assertThat(tracker.complete()).isFalse();
        List<ResultRow> rows = tracker.rows("");
        ResultRow sse = rows.get(0);
        assertThat(sse.expected()).isEqualTo(2);
        assertThat(sse.ok()).isEqualTo(1);
        assertThat(sse.lost()).isEqualTo(1);
        assertThat(sse.duplicated()).isEqualTo(2);
        // The first arrival times the event; the repeats do not.
        assertThat(sse.latency().count()).isEqualTo(1);
        assertThat(sse.latency().maxMs()).isBetween(4.99, 5.01);
        ResultRow websocket = rows.get(1);
        assertThat(websocket.lost()).isZero();
        assertThat(websocket.duplicated()).isZero();
    }

    @Test
    void eventsOfOrdersNoAnsweredPostPlacedAreReportedApart() {
        tracker.arrived("sse", "somebody-elses", 5 * MS);

        ResultRow sse = tracker.rows("").get(0);

        assertThat(sse.expected()).isZero();
        assertThat(sse.errors()).containsEntry("events of orders not placed by an answered POST", 1L);
        assertThat(tracker.complete()).isTrue();
    }
}
