package dev.dispatch.notification.model;

import java.util.Locale;
import java.util.Optional;

/** What a call carries (the peers negotiate the tracks; this is what the callee's page shows and the history says). */
public enum Media {
    AUDIO, VIDEO;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Media> byKey(String key) {
        return "audio".equals(key) ? Optional.of(AUDIO) : "video".equals(key) ? Optional.of(VIDEO) : Optional.empty();
    }
}
