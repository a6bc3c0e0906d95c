package dev.dispatch.notification.rest;

import dev.dispatch.platform.problem.ProblemKind;

/** The kinds of problem this service answers with; the type URIs are stable (clients may switch on them). */
public enum ProblemType implements ProblemKind {
    VALIDATION("/problems/validation", "The request is not valid", 400),
    MALFORMED_JSON("/problems/malformed-json", "The request body is not valid JSON", 400),
    UNAUTHORIZED("/problems/unauthorized", "Authentication required", 401),
    FORBIDDEN("/problems/forbidden", "Not allowed", 403),
    NOT_FOUND("/problems/not-found", "Not found", 404),
    METHOD_NOT_ALLOWED("/problems/method-not-allowed", "Method not allowed", 405),
    NOT_ACCEPTABLE("/problems/not-acceptable", "Not acceptable", 406),
    UNSUPPORTED_MEDIA_TYPE("/problems/unsupported-media-type", "Unsupported media type", 415),
    INTERNAL("/problems/internal", "Internal error", 500),
    UNAVAILABLE("/problems/unavailable", "Temporarily unavailable", 503);

    private final String type;
    private final String title;
    private final int status;

    ProblemType(String type, String title, int status) {
        this.type = type;
        this.title = title;
        this.status = status;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public int status() {
        return status;
    }
}
