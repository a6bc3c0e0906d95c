package dev.dispatch.notification.model;

import java.util.Arrays;
import java.util.Optional;

/** The two ways notifications are pushed; preferences are kept per channel. */
public enum Channel {
    WEBSOCKET("websocket"),
    SSE("sse");

    private final String key;

    Channel(String key) {
        this.key = key;
    }

    /** The name used in the preferences JSON. */
    public String key() {
        return key;
    }

    public static Optional<Channel> byKey(String key) {
        return Arrays.stream(values()).filter(c -> c.key.equals(key)).findFirst();
    }
}
