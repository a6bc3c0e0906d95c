package dev.dispatch.iot.model;

/** What a device said, by topic: the tag {@code kind} of {@code dispatch.ingest.accepted}. */
public enum MessageKind {
    TELEMETRY("telemetry"),
    EVENT("event"),
    STATUS("status");

    private final String tag;

    MessageKind(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
