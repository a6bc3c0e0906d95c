package dev.dispatch.notification.model;

import java.util.Arrays;
import java.util.Optional;

/** The ways notifications are pushed; preferences are kept per channel. */
public enum Channel {
    WEBSOCKET("websocket", true),
    SSE("sse", true),
    /** A chat message from the dispatch bot to the user's XMPP account: only for who switches it on. */
    XMPP("xmpp", false);

    private final String key;
    private final boolean onByDefault;

    Channel(String key, boolean onByDefault) {
        this.key = key;
        this.onByDefault = onByDefault;
    }

    /** Whether a type without a switch for this channel is sent on it. */
    public boolean onByDefault() {
        return onByDefault;
    }

    /** The name used in the preferences JSON. */
    public String key() {
        return key;
    }

    public static Optional<Channel> byKey(String key) {
        return Arrays.stream(values()).filter(c -> c.key.equals(key)).findFirst();
    }
}
