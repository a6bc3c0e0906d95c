package dev.dispatch.gateway.backend;

import java.time.Instant;

import com.google.protobuf.Timestamp;

/**
 * Reading the backends' messages: protobuf timestamps as instants, an unset one no instant at all rather than 1970;
 * an unset (empty) text no text.
 */
public final class Timestamps {

    private Timestamps() {
    }

    public static Instant instant(Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }

    public static Instant orNull(boolean isSet, Timestamp t) {
        return isSet ? instant(t) : null;
    }

    public static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
