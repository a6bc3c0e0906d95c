package dev.dispatch.notification.model;

import java.util.UUID;

/**
 * A server → client signalling message on its way to a party: to one connection ({@code toConnection}), or to every
 * connection of the party but {@code exceptConnection} (null: all). {@code id} orders them across replicas (0 before
 * it is stored).
 */
public record CallSignal(long id, UUID callId, Party to, String toConnection, String exceptConnection, String body) {

    public static CallSignal toConnection(UUID callId, Party to, String connection, String body) {
        return new CallSignal(0, callId, to, connection, null, body);
    }

    public static CallSignal toEvery(UUID callId, Party to, String exceptConnection, String body) {
        return new CallSignal(0, callId, to, null, exceptConnection, body);
    }

    /** Whether a connection of {@code party} with id {@code connection} gets it. */
    public boolean reaches(Party party, String connection) {
        return to.equals(party) && (toConnection == null ? !connection.equals(exceptConnection) : toConnection.equals(connection));
    }
}
