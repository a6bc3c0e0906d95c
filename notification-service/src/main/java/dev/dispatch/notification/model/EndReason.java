package dev.dispatch.notification.model;

import java.util.Locale;

/**
 * Why a call ended, as the {@code reason} of the {@code hangup} message: a party hung up (or cancelled), the callee was
 * busy (or declined), nobody answered in time, or a party's connection closed.
 */
public enum EndReason {
    HANGUP, BUSY, TIMEOUT, DISCONNECTED;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
