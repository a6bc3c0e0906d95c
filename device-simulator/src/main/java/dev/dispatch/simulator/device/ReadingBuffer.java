package dev.dispatch.simulator.device;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

import dev.dispatch.simulator.contract.SensorReading;

/**
 * The readings a sensor has taken and not yet had acknowledged, oldest first: what it sends as one batch once it
 * can reach iot-ingest again. Bounded: when full, the oldest reading is dropped (and counted). Not thread-safe.
 */
public final class ReadingBuffer {

    private final int capacity;
    private final Deque<SensorReading> readings = new ArrayDeque<>();
    private long dropped;

    public ReadingBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    /** @return whether the oldest reading had to go to make room */
    public boolean add(SensorReading reading) {
        boolean full = readings.size() == capacity;
        if (full) {
            readings.removeFirst();
            dropped++;
        }
        readings.addLast(reading);
        return full;
    }

    /** The oldest {@code max} readings (or fewer), left in the buffer until {@link #remove} says they were stored. */
    public List<SensorReading> oldest(int max) {
        List<SensorReading> batch = new ArrayList<>(Math.min(max, readings.size()));
        Iterator<SensorReading> it = readings.iterator();
        while (it.hasNext() && batch.size() < max) {
            batch.add(it.next());
        }
        return batch;
    }

    /** Removes the oldest {@code count}: they were stored, or will never be. */
    public void remove(int count) {
        for (int i = 0; i < count && !readings.isEmpty(); i++) {
            readings.removeFirst();
        }
    }

    /**
     * Drops the readings taken before {@code cutoff} (iot-ingest refuses a reading older than 24 h, and one such
     * reading would fail its whole batch).
     *
     * @return how many were dropped
     */
    public int dropTakenBefore(Instant cutoff) {
        int removed = 0;
        Iterator<SensorReading> it = readings.iterator();
        while (it.hasNext()) {
            SensorReading reading = it.next();
            if (reading.time() != null && Instant.parse(reading.time()).isBefore(cutoff)) {
                it.remove();
                removed++;
            }
        }
        dropped += removed;
        return removed;
    }

    public int size() {
        return readings.size();
    }

    public boolean isEmpty() {
        return readings.isEmpty();
    }

    /** Readings lost for good: pushed out when full or too old. */
    public long dropped() {
        return dropped;
    }

    public int capacity() {
        return capacity;
    }
}
