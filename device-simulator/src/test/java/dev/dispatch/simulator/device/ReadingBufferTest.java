package dev.dispatch.simulator.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.dispatch.simulator.contract.SensorReading;

/** What a sensor keeps while it cannot send, and the batches it makes of it. */
class ReadingBufferTest {

    @Test
    void batchesAreTheOldestReadingsAndStayUntilRemoved() {
        ReadingBuffer buffer = new ReadingBuffer(10);
        for (int i = 0; i < 5; i++) {
            buffer.add(reading(i));
        }

        assertThat(buffer.oldest(3)).extracting(SensorReading::temperatureC).containsExactly(0.0, 1.0, 2.0);
        assertThat(buffer.size()).isEqualTo(5);
        buffer.remove(3);
        assertThat(buffer.oldest(100)).extracting(SensorReading::temperatureC).containsExactly(3.0, 4.0);
        buffer.remove(10);
        assertThat(buffer.isEmpty()).isTrue();
        assertThat(buffer.oldest(100)).isEmpty();
    }

    @Test
    void whenFullTheOldestReadingGoesAndIsCounted() {
        ReadingBuffer buffer = new ReadingBuffer(3);

        assertThat(buffer.add(reading(0))).isFalse();
        buffer.add(reading(1));
        buffer.add(reading(2));
        assertThat(buffer.add(reading(3))).isTrue();

        assertThat(buffer.oldest(10)).extracting(SensorReading::temperatureC).containsExactly(1.0, 2.0, 3.0);
        assertThat(buffer.dropped()).isEqualTo(1);
    }

    @Test
    void readingsTakenBeforeTheCutoffAreDroppedTheRestKeptInOrder() {
        ReadingBuffer buffer = new ReadingBuffer(10);
        buffer.add(new SensorReading("2026-12-01T09:00:00Z", 1, 50, 0.1, 90));
        buffer.add(new SensorReading(null, 2, 50, 0.1, 90));
        buffer.add(new SensorReading("2026-12-02T09:00:00Z", 3, 50, 0.1, 90));

        assertThat(buffer.dropTakenBefore(Instant.parse("2026-12-02T00:00:00Z"))).isEqualTo(1);

        assertThat(buffer.oldest(10)).extracting(SensorReading::temperatureC).containsExactly(2.0, 3.0);
        assertThat(buffer.dropped()).isEqualTo(1);
    }

    @Test
    void aBufferHoldsAtLeastOneReading() {
        assertThatThrownBy(() -> new ReadingBuffer(0)).hasMessage("capacity must be at least 1, was 0");
    }

    private static SensorReading reading(int n) {
        return new SensorReading("2026-12-02T10:00:0" + n + "Z", n, 60, 0.1, 99);
    }
}
