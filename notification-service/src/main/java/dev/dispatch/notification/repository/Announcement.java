package dev.dispatch.notification.repository;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dispatch.notification.model.Notification;
import dev.dispatch.platform.cloudevents.TraceContext;

/**
 * What a NOTIFY on {@link NotificationRepository#CHANNEL} carries: the stored notification itself, so that a live feed
 * whose cursor is right before it hands it out without reading it back. A notification too large for a NOTIFY is
 * announced by its bare seq (as older replicas announce every one): then the feeds read after their cursors.
 */
public record Announcement(long seq, String type, String orderId, String customerId, boolean operatorsOnly,
        String json, String traceparent, String tracestate) {

    /** PostgreSQL refuses NOTIFY payloads of 8000 bytes and more. */
    static final int MAX_BYTES = 7999;

    static Announcement of(Notification n) {
        TraceContext trace = n.trace();
        return new Announcement(n.seq(), n.type(), n.orderId(), n.customerId(), n.operatorsOnly(), n.json(),
                trace == null ? null : trace.traceparent(), trace == null ? null : trace.tracestate());
    }

    public Notification notification() {
        return new Notification(seq, type, orderId, customerId, operatorsOnly, json, TraceContext.of(traceparent, tracestate));
    }

    /** The payload: this as JSON, or the bare seq when that would be too large. */
    String payload(ObjectMapper mapper) {
        try {
            String payload = mapper.writeValueAsString(this);
            return payload.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES ? payload : Long.toString(seq);
        } catch (JsonProcessingException e) {
            return Long.toString(seq);
        }
    }

    /** The announcement a payload carries; empty for a bare seq (or anything else): then the feed reads. */
    static Optional<Announcement> parse(ObjectMapper mapper, String payload) {
        if (payload == null || !payload.startsWith("{")) {
            return Optional.empty();
        }
        try {
            return Optional.of(mapper.readValue(payload, Announcement.class));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
