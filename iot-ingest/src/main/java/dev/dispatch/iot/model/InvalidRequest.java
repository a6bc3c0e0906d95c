package dev.dispatch.iot.model;

/** A request that cannot be served as asked: gRPC INVALID_ARGUMENT with the field and why. */
public class InvalidRequest extends RuntimeException {

    private final String field;

    public InvalidRequest(String field, String description) {
        super(field + ": " + description, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
