package dev.dispatch.iot.model;

/** Why a device message was not taken: the tag {@code reason} of {@code dispatch.ingest.rejected}. */
public enum RejectReason {
    MALFORMED_JSON("malformed-json"),
    MISSING_FIELD("missing-field"),
    INVALID_FIELD("invalid-field"),
    OUT_OF_RANGE("out-of-range"),
    DEVICE_ID_MISMATCH("device-id-mismatch"),
    OVERSIZED("oversized"),
    UNKNOWN_TOPIC("unknown-topic"),
    UNREGISTERED_DEVICE("unregistered-device"),
    ORDER_NOT_BOUND("order-not-bound");

    private final String tag;

    RejectReason(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
