package dev.dispatch.notification.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateWindowTest {

    @Test
    void atMostTheLimitInAnyWindowEvenAcrossItsEdge() {
        RateWindow rate = new RateWindow(3, 10_000);
        assertThat(rate.tryAcquire(0)).isTrue();
        assertThat(rate.tryAcquire(9_000)).isTrue();
        assertThat(rate.tryAcquire(9_500)).isTrue();
        assertThat(rate.tryAcquire(9_900)).isFalse(); // 4 within 10 s
        assertThat(rate.tryAcquire(10_000)).isTrue(); // the first one left the window
        assertThat(rate.tryAcquire(10_500)).isFalse(); // 9_000, 9_500, 10_000 still inside
        assertThat(rate.tryAcquire(19_000)).isTrue();
    }

    @Test
    void aRefusedEventDoesNotCount() {
        RateWindow rate = new RateWindow(1, 1_000);
        assertThat(rate.tryAcquire(0)).isTrue();
        for (int t = 1; t < 1_000; t += 100) {
            assertThat(rate.tryAcquire(t)).isFalse();
        }
        assertThat(rate.tryAcquire(1_000)).isTrue();
    }
}
