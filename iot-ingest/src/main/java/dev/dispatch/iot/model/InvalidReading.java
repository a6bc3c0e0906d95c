package dev.dispatch.iot.model;

/**
 * A sensor's payload that is refused, with the first thing wrong in words that name the field (the CoAP 4.00
 * diagnostic). {@link Kind#MALFORMED}: not JSON or CBOR, or not one reading or an array of them;
 * {@link Kind#INVALID_FIELD}: a field missing, of the wrong type, or out of range. No stack trace: bad input is no fault.
 */
public class InvalidReading extends RuntimeException {

    public enum Kind {
        MALFORMED,
        INVALID_FIELD
    }

    private final Kind kind;

    public InvalidReading(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
