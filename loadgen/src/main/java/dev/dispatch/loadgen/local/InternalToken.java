package dev.dispatch.loadgen.local;

import java.time.Duration;
import java.time.Instant;

/** A signed internal token and when it expires. */
public record InternalToken(String value, Instant expiresAt) {

    /** A minute's margin, as the services keep: a call sent just before the expiry still arrives in time. */
    static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(1);

    /** Whether a call sent at {@code now} should carry a fresh token instead. */
    public boolean dueForRenewal(Instant now) {
        return !now.isBefore(expiresAt.minus(RENEW_BEFORE_EXPIRY));
    }
}
