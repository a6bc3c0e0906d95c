package dev.dispatch.notification.model;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One call of an order, as every replica sees it in the database.
 *
 * @param callerConnection the connection that placed the call: everything for the caller goes there
 * @param calleeConnection the connection that answered (null while ringing: then every connection of the callee rings)
 */
public record Call(
        UUID callId,
        String orderId,
        Party caller,
        String callerConnection,
        Party callee,
        String calleeConnection,
        Media media,
        CallState state,
        Instant createdAt,
        Instant answeredAt,
        Instant endedAt,
        EndReason endReason) {

    public boolean isCaller(Party party, String connection) {
        return caller.equals(party) && callerConnection.equals(connection);
    }

    /** A connection of the callee that may speak for it: any while ringing, only the answering one after. */
    public boolean isCallee(Party party, String connection) {
        return callee.equals(party) && (calleeConnection == null || calleeConnection.equals(connection));
    }

    public boolean answered() {
        return answeredAt != null;
    }

    /** How long the peers talked; zero if never answered. */
    public Duration talked() {
        return answeredAt == null || endedAt == null ? Duration.ZERO : Duration.between(answeredAt, endedAt);
    }
}
