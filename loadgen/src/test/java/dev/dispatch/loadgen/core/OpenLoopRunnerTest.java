package dev.dispatch.loadgen.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

class OpenLoopRunnerTest {

    private static final long MS = 1_000_000L;

    private final FakeTicker ticker = new FakeTicker();

    /** A target that answers nothing until the test says so, and notes when each request left. */
    private final class SlowTarget implements Target {
        final List<Long> sentAt = new ArrayList<>();
        final List<Long> dueAt = new ArrayList<>();
        final List<Long> sequences = new ArrayList<>();
        final List<CompletableFuture<Outcome>> answers = new ArrayList<>();

        @Override
        public CompletableFuture<Outcome> send(long sequence, long dueNanos) {
            sentAt.add(ticker.nanoTime());
            dueAt.add(dueNanos);
            sequences.add(sequence);
            CompletableFuture<Outcome> answer = new CompletableFuture<>();
            answers.add(answer);
            return answer;
        }
    }

    @Test
    void sendsEveryRequestAtItsDueTimeWhileNoneIsAnswered() throws Exception {
        // 100/s for 1 s: due every 10 ms, whatever the target does.
        OpenLoopRunner runner = new OpenLoopRunner(ticker, new Schedule(100, Long.MAX_VALUE, Duration.ofSeconds(1)), 10_000);
        SlowTarget target = new SlowTarget();
        long start = ticker.nanoTime();

        runner.fire(target);

        assertThat(target.sequences).hasSize(100).startsWith(0L, 1L, 2L).endsWith(99L);
        for (int i = 0; i < 100; i++) {
            assertThat(target.sentAt.get(i) - start).isEqualTo(i * 10 * MS);
            assertThat(target.dueAt.get(i)).isEqualTo(target.sentAt.get(i));
        }
        assertThat(runner.counters().sentCount()).isEqualTo(100);
        assertThat(runner.counters().inFlight()).isEqualTo(100);
        assertThat(runner.counters().okCount()).isZero();
    }

    @Test
    void countsLatencyFromTheDueTimeSoThatQueueingShows() throws Exception {
        OpenLoopRunner runner = new OpenLoopRunner(ticker, new Schedule(100, 10, Duration.ofSeconds(60)), 10_000);
        SlowTarget target = new SlowTarget();
        long start = ticker.nanoTime();
        runner.fire(target);

        // All ten answered together, 500 ms after the first was due: the first waited 500 ms, the last 410 ms.
        ticker.parkUntil(start + 500 * MS);
        target.answers.forEach(a -> a.complete(Outcome.OK));

        assertThat(runner.awaitAnswers(Duration.ofSeconds(5))).isTrue();
        LatencySummary latency = LatencySummary.of(runner.latencies().total());
        assertThat(latency.count()).isEqualTo(10);
        assertThat(latency.maxMs()).isBetween(499.0, 501.0);
        assertThat(latency.minMs()).isBetween(409.0, 411.0);
        assertThat(runner.counters().okCount()).isEqualTo(10);
        assertThat(runner.counters().inFlight()).isZero();
    }

    @Test
    void aTargetThatBlocksDelaysLaterSendsButTheirLatencyStillCountsFromTheirDueTimes() throws Exception {
        OpenLoopRunner runner = new OpenLoopRunner(ticker, new Schedule(10, 5, Duration.ofSeconds(60)), 10_000);
        List<Long> dues = new ArrayList<>();
        long start = ticker.nanoTime();
        // Each send takes 300 ms of the sender's time (due every 100 ms) and is answered as it returns.
        Target blocking = (sequence, due) -> {
            dues.add(due);
            ticker.advance(300 * MS);
            return CompletableFuture.completedFuture(Outcome.OK);
        };

        runner.fire(blocking);

        assertThat(dues).containsExactly(start, start + 100 * MS, start + 200 * MS, start + 300 * MS, start + 400 * MS);
        // Request i ends at 300 (i + 1) ms and was due at 100 i ms: 300, 500, 700, 900, 1100 ms.
        LatencySummary latency = LatencySummary.of(runner.latencies().total());
        assertThat(latency.minMs()).isBetween(299.0, 301.0);
        // HdrHistogram reports a bucket's highest equivalent value: within 0.1 %.
        assertThat(latency.maxMs()).isBetween(1098.0, 1102.0);
    }

    @Test
    void stopsAtTheCountOrTheDurationWhicheverComesFirst() {
        assertThat(new Schedule(100, 1_000, Duration.ofSeconds(2)).requests()).isEqualTo(200);
        assertThat(new Schedule(100, 50, Duration.ofSeconds(2)).requests()).isEqualTo(50);
        assertThat(new Schedule(0.5, Long.MAX_VALUE, Duration.ofSeconds(3)).requests()).isEqualTo(2);
        assertThat(new Schedule(3, Long.MAX_VALUE, Duration.ofSeconds(1)).dueOffsetNanos(2)).isEqualTo(666_666_667L);
    }

    @Test
    void refusesASchedulesThatCouldNotRun() {
        assertThatThrownBy(() -> new Schedule(0, 1, Duration.ofSeconds(1))).hasMessageContaining("rate");
        assertThatThrownBy(() -> new Schedule(1, 0, Duration.ofSeconds(1))).hasMessageContaining("number of requests");
        assertThatThrownBy(() -> new Schedule(1, 1, Duration.ZERO)).hasMessageContaining("duration");
    }

    @Test
    void failuresAreCountedByLabelAndThrownSendsDoNotStopTheRun() throws Exception {
        OpenLoopRunner runner = new OpenLoopRunner(ticker, new Schedule(100, 6, Duration.ofSeconds(60)), 10_000);
        runner.fire((sequence, due) -> switch ((int) sequence % 3) {
            case 0 -> CompletableFuture.completedFuture(Outcome.OK);
            case 1 -> CompletableFuture.completedFuture(Outcome.failed("http 503"));
            default -> throw new IllegalStateException("connection refused");
        });

        assertThat(runner.awaitAnswers(Duration.ofSeconds(5))).isTrue();
        assertThat(runner.counters().sentCount()).isEqualTo(6);
        assertThat(runner.counters().okCount()).isEqualTo(2);
        assertThat(runner.counters().errors()).containsEntry("http 503", 2L).containsEntry("IllegalStateException", 2L);
    }

    @Test
    void beyondTheInFlightLimitRequestsAreNotSentButCountedAsFailed() throws Exception {
        OpenLoopRunner runner = new OpenLoopRunner(ticker, new Schedule(100, 10, Duration.ofSeconds(60)), 3);
        SlowTarget target = new SlowTarget();

        runner.fire(target);

        assertThat(target.sequences).containsExactly(0L, 1L, 2L);
        assertThat(runner.counters().errors()).containsExactly(java.util.Map.entry(OpenLoopRunner.OVER_IN_FLIGHT_LIMIT, 7L));
        assertThat(runner.counters().inFlight()).isEqualTo(3);
        assertThat(runner.awaitAnswers(Duration.ofMillis(50))).isFalse();
    }
}
