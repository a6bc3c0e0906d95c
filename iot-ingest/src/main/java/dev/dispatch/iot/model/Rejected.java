package dev.dispatch.iot.model;

/** A device message that is refused, with the reason counted and logged. Carries no stack trace: bad input is not a fault. */
public class Rejected extends RuntimeException {

    private final RejectReason reason;

    public Rejected(RejectReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }
}
