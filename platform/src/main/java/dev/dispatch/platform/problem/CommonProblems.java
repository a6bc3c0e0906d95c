package dev.dispatch.platform.problem;

/**
 * The kinds of problem every REST API of Dispatch answers with alike, so a client reads the same type URI for the same
 * fault whichever service it calls. A service adds its own kinds beside these (see its {@code rest.ProblemType}).
 */
public final class CommonProblems {

    public static final ProblemKind VALIDATION = new ProblemDefinition("/problems/validation", "The request is not valid", 400);
    public static final ProblemKind MALFORMED_JSON = new ProblemDefinition("/problems/malformed-json", "The request body is not valid JSON", 400);
    public static final ProblemKind UNAUTHORIZED = new ProblemDefinition("/problems/unauthorized", "Authentication required", 401);
    public static final ProblemKind FORBIDDEN = new ProblemDefinition("/problems/forbidden", "Not allowed", 403);
    public static final ProblemKind NOT_FOUND = new ProblemDefinition("/problems/not-found", "Not found", 404);
    public static final ProblemKind METHOD_NOT_ALLOWED = new ProblemDefinition("/problems/method-not-allowed", "Method not allowed", 405);
    public static final ProblemKind NOT_ACCEPTABLE = new ProblemDefinition("/problems/not-acceptable", "Not acceptable", 406);
    public static final ProblemKind UNSUPPORTED_MEDIA_TYPE = new ProblemDefinition("/problems/unsupported-media-type", "Unsupported media type", 415);
    public static final ProblemKind INTERNAL = new ProblemDefinition("/problems/internal", "Internal error", 500);

    private CommonProblems() {
    }
}
