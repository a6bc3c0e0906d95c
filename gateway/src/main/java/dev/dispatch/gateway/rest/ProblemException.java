package dev.dispatch.gateway.rest;

/** Thrown where the gateway itself decides on a problem; {@link RequestProblemMappers} turns it into the response. */
public class ProblemException extends RuntimeException {

    private final ProblemType type;

    public ProblemException(ProblemType type, String detail) {
        super(detail, null, false, false);
        this.type = type;
    }

    public ProblemType type() {
        return type;
    }
}
