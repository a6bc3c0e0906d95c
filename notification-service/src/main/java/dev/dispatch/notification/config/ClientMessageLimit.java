package dev.dispatch.notification.config;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.websockets.next.CloseReason;
import jakarta.inject.Singleton;

/**
 * The largest message a WebSocket client may send (both endpoints): {@code quarkus.websockets-next.server.max-message-size},
 * 16 KiB. Vert.x counts a message's bytes as its frames arrive and, past the limit, drops it and reports an
 * {@link IllegalStateException} to the endpoint's {@code @OnError}, leaving the connection open; so the endpoint closes
 * it there with 1009 (message too big), which the client can tell apart from a network failure.
 */
@Singleton
public class ClientMessageLimit {

    private final int maxBytes;
    private final CloseReason tooBig;

    ClientMessageLimit(@ConfigProperty(name = "quarkus.websockets-next.server.max-message-size") int maxBytes) {
        this.maxBytes = maxBytes;
        this.tooBig = new CloseReason(1009, "message too big: at most " + maxBytes + " bytes");
    }

    public int maxBytes() {
        return maxBytes;
    }

    public CloseReason tooBig() {
        return tooBig;
    }

    /** Whether the failure is Vert.x dropping a message over the limit (it says so only in the exception's text). */
    public static boolean exceeded(Throwable failure) {
        return failure instanceof IllegalStateException && failure.getMessage() != null
                && failure.getMessage().contains("overflow max message size");
    }
}
