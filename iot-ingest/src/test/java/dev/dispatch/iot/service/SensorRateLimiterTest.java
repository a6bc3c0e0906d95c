package dev.dispatch.iot.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** At most 20 requests in any 10 s per sensor, on a clock the test moves. */
class SensorRateLimiterTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final SensorRateLimiter limiter = new SensorRateLimiter(20, Duration.ofSeconds(10));

    @Test
    void twentyInAWindowPassAndTheTwentyFirstWaitsUntilTheOldestLeavesIt() {
        long t = 1_000 * SECOND;
        for (int i = 0; i < 20; i++) {
            assertThat(limiter.acquire("tag-1", t + i * SECOND / 10)).isZero(); // 20 within 2 s
        }
        assertThat(limiter.acquire("tag-1", t + 3 * SECOND)).isEqualTo(7 * SECOND); // the oldest leaves at t + 10 s
        assertThat(limiter.acquire("tag-1", t + 10 * SECOND - 1)).isEqualTo(1);
        assertThat(limiter.acquire("tag-1", t + 10 * SECOND)).isZero();
        assertThat(limiter.acquire("tag-1", t + 10 * SECOND)).isPositive(); // the second oldest is at t + 0.1 s
    }

    @Test
    void refusedRequestsAreNotCountedSoASensorThatFloodsRecovers() {
        long t = 0;
        for (int i = 0; i < 20; i++) {
            assertThat(limiter.acquire("tag-1", t)).isZero();
        }
        for (int i = 0; i < 1000; i++) {
            assertThat(limiter.acquire("tag-1", t + i * SECOND / 1000)).isPositive();
        }
        assertThat(limiter.acquire("tag-1", t + 10 * SECOND)).isZero();
    }

    @Test
    void aSteadySensorIsNeverRefused() {
        for (int i = 0; i < 500; i++) {
            assertThat(limiter.acquire("tag-1", i * SECOND / 2)).isZero(); // 20 per 10 s exactly
        }
    }

    @Test
    void oneSensorsFloodDoesNotTouchAnother() {
        for (int i = 0; i < 50; i++) {
            limiter.acquire("noisy", 0);
        }
        assertThat(limiter.acquire("noisy", 0)).isPositive();
        assertThat(limiter.acquire("quiet", 0)).isZero();
    }

    @Test
    void idleSensorsAreForgotten() {
        limiter.acquire("a", 0);
        limiter.acquire("b", 5 * SECOND);
        limiter.sweep(12 * SECOND);
        assertThat(limiter.keys()).isEqualTo(1);
        limiter.sweep(15 * SECOND);
        assertThat(limiter.keys()).isZero();
    }

    @Test
    void aLimitNeedsAPositiveCountAndWindow() {
        assertThatThrownBy(() -> new SensorRateLimiter(0, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SensorRateLimiter(1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
