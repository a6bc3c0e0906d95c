package dev.dispatch.iot.service;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.dispatch.iot.board.BoardPositionPublisher;
import dev.dispatch.iot.config.BoardConfig;
import dev.dispatch.iot.model.BoardPosition;
import dev.dispatch.iot.model.Reading;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Committed readings, thinned to at most one per courier per {@link BoardConfig#positionEvery()} (by device time),
 * go to the web dispatch board with the order the courier carries.
 */
@ApplicationScoped
public class BoardFeed {

    private final DeviceRegistry registry;
    private final BoardPositionPublisher publisher;
    private final BoardConfig config;
    private final Map<String, Instant> lastSent = new ConcurrentHashMap<>();

    BoardFeed(DeviceRegistry registry, BoardPositionPublisher publisher, BoardConfig config) {
        this.registry = registry;
        this.publisher = publisher;
        this.config = config;
    }

    void offer(Reading reading) {
        boolean[] due = {false};
        lastSent.compute(reading.deviceId(), (id, last) -> {
            due[0] = last == null || !reading.deviceTime().isBefore(last.plus(config.positionEvery()));
            return due[0] ? reading.deviceTime() : last;
        });
        if (due[0]) {
            publisher.publish(BoardPosition.of(reading, registry.binding(reading.deviceId())));
        }
    }
}
