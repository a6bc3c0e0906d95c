package dev.dispatch.notification.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

class BacklogTest {

    final AtomicLong now = new AtomicLong(1_000);
    final ServerSide serverSide = new ServerSide(now::get);
    final Backlog<Integer> backlog = new Backlog<>(3, Duration.ofNanos(100), now::get, serverSide);

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
    void theServersOwnPartOfADeliveryNeverCountsAsTheClientStalling() {
        backlog.offer(1);
        backlog.offer(2);
        assertThat(backlog.poll()).isEqualTo(1);
        UniEmitter<? super Void>[] mark = new UniEmitter[1];
        serverSide.run(() -> Uni.createFrom().<Void>emitter(e -> mark[0] = e)).subscribe().with(ok -> { });
        now.addAndGet(1_000); // the server's mark takes long: item 2 waits, the client is not to blame
        assertThat(backlog.stalled()).isFalse();
        mark[0].complete(null);
        now.addAndGet(100);
        assertThat(backlog.stalled()).isFalse(); // the clock runs again from the end of the server's part
        now.addAndGet(1);
        assertThat(backlog.stalled()).isTrue();
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
