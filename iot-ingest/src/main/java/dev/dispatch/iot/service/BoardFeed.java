package dev.dispatch.iot.service;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import dev.dispatch.iot.board.BoardPositionPublisher;
import dev.dispatch.iot.config.BoardConfig;
import dev.dispatch.iot.model.Binding;
import dev.dispatch.iot.model.BoardPosition;
import dev.dispatch.iot.model.Reading;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Committed readings, thinned to at most one per courier per {@link BoardConfig#positionEvery()} (by device time),
 * go to the web dispatch board with the order the courier carries (as its batch saw it). Each replica sends the
 * readings it committed; a courier's readings reach one replica at a time, mostly the same one (the broker's share).
 */
@ApplicationScoped
public class BoardFeed {

    private final BoardPositionPublisher publisher;
    private final BoardConfig config;
    private final Map<String, Instant> lastSent = new HashMap<>(); // guarded by this

    BoardFeed(BoardPositionPublisher publisher, BoardConfig config) {
        this.publisher = publisher;
        this.config = config;
    }

    // Deciding and publishing under one lock: batches commit on different threads, and a courier's positions must
    // reach the board in the order they were let through (publishing is a non-blocking hand-over to the emitter).
    synchronized void offer(Reading reading, Binding binding) {
        Instant last = lastSent.get(reading.deviceId());
        if (last != null && reading.deviceTime().isBefore(last.plus(config.positionEvery()))) {
            return;
        }
        lastSent.put(reading.deviceId(), reading.deviceTime());
        publisher.publish(BoardPosition.of(reading, binding));
    }
}
