package dev.dispatch.notification.model;

import java.time.Instant;
import java.util.Optional;

/**
 * A courier's presence as iot-ingest reports it (contracts/events/courier-presence.v1.json): offline, away while
 * delivering {@code orderId}, or available; {@code since} is when it changed, and the newest wins.
 */
public record CourierPresence(String deviceId, State state, Optional<String> orderId, Instant since) {

    public enum State { AVAILABLE, AWAY, OFFLINE }

    public CourierPresence {
        if ((state == State.AWAY) != orderId.isPresent()) {
            throw new IllegalArgumentException("an orderId exactly when away");
        }
    }

    /** What an XMPP client shows as the status line: the order being delivered (its whole id, to look it up). */
    public Optional<String> status() {
        return orderId.map(id -> "delivering order " + id);
    }
}
