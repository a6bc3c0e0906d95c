package dev.dispatch.gateway.rest;

import dev.dispatch.platform.problem.CommonProblems;
import dev.dispatch.platform.problem.ProblemDefinition;
import dev.dispatch.platform.problem.ProblemKind;

/**
 * The kinds of problem the API answers with: the platform's common ones and the gateway's own. The type URIs are
 * stable: clients may switch on them, so a kind is only ever added, never renamed. The body itself is the platform's
 * {@link dev.dispatch.platform.problem.Problem}.
 */
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

    public static final ProblemKind ILLEGAL_TRANSITION = new ProblemDefinition("/problems/illegal-transition", "The order cannot make this change now", 409);
    public static final ProblemKind CONFLICT = new ProblemDefinition("/problems/conflict", "Conflict", 409);
    public static final ProblemKind PAYLOAD_TOO_LARGE = new ProblemDefinition("/problems/payload-too-large", "The request body is too large", 413);
    public static final ProblemKind IDEMPOTENCY_KEY_REUSED = new ProblemDefinition("/problems/idempotency-key-reused",
            "Idempotency key reused with a different request", 422);
    public static final ProblemKind BAD_GATEWAY = new ProblemDefinition("/problems/bad-gateway", "A backend service failed", 502);
    public static final ProblemKind UNAVAILABLE = new ProblemDefinition("/problems/unavailable", "A backend service is unavailable", 503);
    /** Shed before anything was done: too many requests of the kind are under way. */
    public static final ProblemKind OVERLOADED = new ProblemDefinition("/problems/overloaded", "Too many requests are under way", 503);
    /** The one answer that is neither "done" nor "not done": the client places again with the key it is given. */
    public static final ProblemKind OUTCOME_UNKNOWN = new ProblemDefinition("/problems/outcome-unknown",
            "Whether the order was placed is not known", 504);

    private ProblemType() {
    }
}
