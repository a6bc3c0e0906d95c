package dev.dispatch.gateway.rest;

import dev.dispatch.platform.problem.ProblemKind;

/** Thrown where the gateway itself decides on a problem; {@link RequestProblemMappers} turns it into the response. */
public class ProblemException extends RuntimeException {

    private final ProblemKind type;

    public ProblemException(ProblemKind type, String detail) {
        super(detail, null, false, false);
        this.type = type;
    }

    public ProblemKind type() {
        return type;
    }
}
