package dev.dispatch.notification.rest;

import dev.dispatch.platform.problem.CommonProblems;
import dev.dispatch.platform.problem.ProblemDefinition;
import dev.dispatch.platform.problem.ProblemKind;

/** The kinds of problem this service answers with: the platform's common ones and its own; the type URIs are stable. */
public final class ProblemType {

    public static final ProblemKind VALIDATION = CommonProblems.VALIDATION;
    public static final ProblemKind MALFORMED_JSON = CommonProblems.MALFORMED_JSON;
    public static final ProblemKind UNAUTHORIZED = CommonProblems.UNAUTHORIZED;
    public static final ProblemKind FORBIDDEN = CommonProblems.FORBIDDEN;
    public static final ProblemKind NOT_FOUND = CommonProblems.NOT_FOUND;
    public static final ProblemKind METHOD_NOT_ALLOWED = CommonProblems.METHOD_NOT_ALLOWED;
    public static final ProblemKind NOT_ACCEPTABLE = CommonProblems.NOT_ACCEPTABLE;
    public static final ProblemKind UNSUPPORTED_MEDIA_TYPE = CommonProblems.UNSUPPORTED_MEDIA_TYPE;
    public static final ProblemKind INTERNAL = CommonProblems.INTERNAL;

    public static final ProblemKind UNAVAILABLE = new ProblemDefinition("/problems/unavailable", "Temporarily unavailable", 503);

    private ProblemType() {
    }
}
