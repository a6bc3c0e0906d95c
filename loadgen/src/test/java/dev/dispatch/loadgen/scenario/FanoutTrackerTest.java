package dev.dispatch.loadgen.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.dispatch.loadgen.core.ResultRow;

class FanoutTrackerTest {

    private static final long MS = 1_000_000L;

    private final FanoutTracker tracker = new FanoutTracker(3);

    @Test
    void anEventOnEverySocketExactlyOnceIsCompleteWithEachDeliveryTimedFromTheDueTime() {
        tracker.expect("order-1", 1_000 * MS);
        tracker.arrived(0, "order-1", 1_010 * MS);
        tracker.arrived(1, "order-1", 1_020 * MS);
        assertThat(tracker.complete()).isFalse();
        tracker.arrived(2, "order-1", 1_050 * MS);

        assertThat(tracker.complete()).isTrue();
        ResultRow deliveries = deliveries();
        assertThat(deliveries.expected()).isEqualTo(3);
        assertThat(deliveries.ok()).isEqualTo(3);
        assertThat(deliveries.failed()).isZero();
        assertThat(deliveries.lost()).isZero();
        assertThat(deliveries.duplicated()).isZero();
        assertThat(deliveries.latency().count()).isEqualTo(3);
        assertThat(deliveries.latency().minMs()).isBetween(9.99, 10.01);
        assertThat(deliveries.latency().maxMs()).isBetween(49.9, 50.1);
        ResultRow spread = spread();
        assertThat(spread.expected()).isEqualTo(1);
        assertThat(spread.ok()).isEqualTo(1);
        assertThat(spread.failed()).isZero();
        assertThat(spread.lost()).isEqualTo(ResultRow.NOT_COUNTED);
        // From the first socket's arrival (10 ms) to the last's (50 ms).
        assertThat(spread.latency().count()).isEqualTo(1);
        assertThat(spread.latency().maxMs()).isBetween(39.9, 40.1);
    }

    @Test
    void deliveriesBeforeThePostIsAnsweredAreTimedOnceItIs() {
        tracker.arrived(0, "order-1", 1_010 * MS);
        tracker.arrived(1, "order-1", 1_030 * MS);
        tracker.expect("order-1", 1_000 * MS);
        tracker.arrived(2, "order-1", 1_060 * MS);

        assertThat(tracker.complete()).isTrue();
        ResultRow deliveries = deliveries();
        assertThat(deliveries.ok()).isEqualTo(3);
        assertThat(deliveries.latency().count()).isEqualTo(3);
        assertThat(deliveries.latency().minMs()).isBetween(9.99, 10.01);
        assertThat(deliveries.latency().p50Ms()).isBetween(29.9, 30.1);
        assertThat(deliveries.latency().maxMs()).isBetween(59.9, 60.1);
        assertThat(deliveries.errors()).isEmpty();
    }

    @Test
    void expectedIsOrdersTimesSocketsMissingDeliveriesAreLostAndRepeatsDuplicated() {
        tracker.expect("order-1", 0);
        tracker.expect("order-2", 0);
        for (int client = 0; client < 3; client++) {
            tracker.arrived(client, "order-1", 5 * MS);
        }
        // Socket 1 gets order-1 twice more: counted, not timed.
        tracker.arrived(1, "order-1", 8 * MS);
        tracker.arrived(1, "order-1", 9 * MS);
        // order-2 reaches only socket 2.
        tracker.arrived(2, "order-2", 7 * MS);

        assertThat(tracker.complete()).isFalse();
        ResultRow deliveries = deliveries();
        assertThat(deliveries.expected()).isEqualTo(6);
        assertThat(deliveries.ok()).isEqualTo(4);
        assertThat(deliveries.lost()).isEqualTo(2);
        assertThat(deliveries.failed()).isEqualTo(2);
        assertThat(deliveries.duplicated()).isEqualTo(2);
        assertThat(deliveries.latency().count()).isEqualTo(4);
        assertThat(deliveries.latency().maxMs()).isBetween(6.99, 7.01);
        // Only order-1 reached every socket: the spread is of it alone.
        ResultRow spread = spread();
        assertThat(spread.expected()).isEqualTo(2);
        assertThat(spread.ok()).isEqualTo(1);
        assertThat(spread.failed()).isEqualTo(1);
        assertThat(spread.latency().count()).isEqualTo(1);
        assertThat(spread.latency().maxMs()).isZero();
    }

    @Test
    void deliveriesOfOrdersNoAnsweredPostPlacedAreReportedApart() {
        tracker.arrived(0, "not-answered", 5 * MS);
        tracker.arrived(1, "not-answered", 5 * MS);
        tracker.arrived(1, "not-answered", 6 * MS);

        ResultRow deliveries = deliveries();

        assertThat(deliveries.expected()).isZero();
        assertThat(deliveries.latency().count()).isZero();
        assertThat(deliveries.errors()).containsEntry("deliveries of orders not placed by an answered POST", 3L);
        assertThat(spread().expected()).isZero();
        assertThat(tracker.complete()).isTrue();
    }

    @Test
    void theRowsAreNamedForTheTable() {
        assertThat(tracker.rows()).extracting(ResultRow::name).containsExactly("deliveries", "spread, first to last");
    }

    private ResultRow deliveries() {
        List<ResultRow> rows = tracker.rows();
        return rows.get(0);
    }

    private ResultRow spread() {
        return tracker.rows().get(1);
    }
}
