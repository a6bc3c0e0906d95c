package dev.dispatch.iot.coap;

/** Why a CoAP request (or a DTLS handshake) was refused: the tag {@code reason} of {@code dispatch.coap.rejected}. */
public enum CoapRejection {
    /** 4.00: not JSON or CBOR, or not one reading or an array of 1..100. */
    MALFORMED("malformed"),
    /** 4.00: a field missing, not a number, or out of range. */
    INVALID_FIELD("invalid-field"),
    /** 4.15 (a Content-Format other than 50 or 60), 4.06 (an Accept other than 50 or 60). */
    UNSUPPORTED_FORMAT("unsupported-format"),
    /** 4.13: a body over the limit (answered by Californium's block-wise layer, counted as it goes out). */
    OVERSIZED("oversized"),
    /** 4.04: no such sensor, or its key is revoked. */
    UNKNOWN_SENSOR("unknown-sensor"),
    /** 4.03: the DTLS identity is another sensor. */
    IDENTITY_MISMATCH("identity-mismatch"),
    /** 4.29: more requests than the sensor's rate limit. */
    RATE_LIMITED("rate-limited"),
    /** 5.03: the database cannot be reached, or too much waits to be stored; also a handshake whose key could not be looked up. */
    UNAVAILABLE("unavailable"),
    /** A DTLS handshake under an identity with no active key (unknown or revoked): it fails, no CoAP answer. */
    UNKNOWN_IDENTITY("unknown-identity");

    private final String tag;

    CoapRejection(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
