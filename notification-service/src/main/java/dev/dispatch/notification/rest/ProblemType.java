package dev.dispatch.notification.rest;

import dev.dispatch.platform.problem.ProblemDefinition;
import dev.dispatch.platform.problem.ProblemKind;

/**
 * The kinds of problem only this service answers with; the rest are the platform's {@code CommonProblems}. The type
 * URIs are stable (clients may switch on them).
 */
public final class ProblemType {

    public static final ProblemKind UNAVAILABLE = new ProblemDefinition("/problems/unavailable", "Temporarily unavailable", 503);

    private ProblemType() {
    }
}
