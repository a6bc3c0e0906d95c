package dev.dispatch.notification.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class BacklogTest {

    final AtomicLong now = new AtomicLong(1_000);
    final Backlog<Integer> backlog = new Backlog<>(3, Duration.ofNanos(100), now::get);

    @Test
    void aBurstUpToTheCapacityIsNeitherFullUntilTheLastNorStalled() {
        backlog.offer(1);
        backlog.offer(2);
        assertThat(backlog.full()).isFalse();
        backlog.offer(3);
        assertThat(backlog.full()).isTrue();
        assertThat(backlog.stalled()).isFalse();
        assertThat(backlog).containsExactly(1, 2, 3);
    }

    @Test
    void itStallsWhenAnItemWaitsLongerThanTheLimitWithNothingTaken() {
        now.addAndGet(500); // idle and empty for long: not stalled, nothing waits
        backlog.offer(1);
        assertThat(backlog.stalled()).isFalse(); // the wait starts at the offer, not at the last take
        now.addAndGet(100);
        assertThat(backlog.stalled()).isFalse();
        now.addAndGet(1);
        assertThat(backlog.stalled()).isTrue();
    }

    @Test
    void takingOneIsProgressEvenWithOthersStillWaiting() {
        backlog.offer(1);
        backlog.offer(2);
        now.addAndGet(90);
        assertThat(backlog.poll()).isEqualTo(1);
        now.addAndGet(90);
        assertThat(backlog.stalled()).isFalse();
        now.addAndGet(11);
        assertThat(backlog.stalled()).isTrue();
        assertThat(backlog.poll()).isEqualTo(2);
        now.addAndGet(1_000);
        assertThat(backlog.stalled()).isFalse(); // empty: nothing waits
        assertThat(backlog.poll()).isNull();
        assertThat(backlog.size()).isZero();
    }

    @Test
    void clearEmptiesItAndCountsDown() {
        backlog.offer(1);
        backlog.offer(2);
        backlog.clear();
        assertThat(backlog.isEmpty()).isTrue();
        assertThat(backlog.size()).isZero();
        assertThat(backlog.full()).isFalse();
    }
}
