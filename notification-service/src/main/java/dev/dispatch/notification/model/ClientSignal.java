package dev.dispatch.notification.model;

import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A signalling message a client sent on /ws/calls, checked for shape (which fields a type needs) but not yet for who
 * may send it. Fields a type does not use are null.
 *
 * @param to        on {@code call}: whom an operator calls (others may leave it out)
 * @param candidate on {@code candidate}: the ICE candidate object, relayed as it came
 */
public record ClientSignal(Type type, UUID callId, String orderId, PartyRole to, Media media, String sdp, JsonNode candidate) {

    public enum Type {
        CALL, OFFER, RINGING, ANSWER, CANDIDATE, BUSY, HANGUP, PING;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
