package dev.dispatch.notification.config;

import java.nio.charset.StandardCharsets;

import io.quarkus.websockets.next.CloseReason;

/**
 * The largest message a WebSocket client may send (both endpoints): 16 KiB of UTF-8. A larger one closes the connection
 * with 1009 (message too big). The frame decoder's own limit (application.properties, 64 KiB) is higher on purpose: it
 * drops the connection without a close code, which a browser cannot tell from a network failure.
 */
public final class ClientMessageLimit {

    public static final int MAX_BYTES = 16 * 1024;
    public static final CloseReason TOO_BIG = new CloseReason(1009, "message too big: at most " + MAX_BYTES + " bytes");

    private ClientMessageLimit() {
    }

    public static boolean exceeded(String text) {
        // Each char is at most 3 UTF-8 bytes: only count when it could matter.
        return text.length() > MAX_BYTES || text.length() * 3 > MAX_BYTES && text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES;
    }
}
