package dev.dispatch.iot.model;

import java.time.Instant;
import java.util.UUID;

/** A courier's presence changed (or, away, the order it delivers did): what is announced. orderId only when away. */
public record PresenceChanged(String deviceId, CourierPresence presence, UUID orderId, Instant since) {
}
