package dev.dispatch.gateway.rest;

import dev.dispatch.platform.problem.ProblemKind;

/**
 * The kinds of problem the API answers with. The type URIs are stable: clients may switch on them, so
 * a kind is only ever added, never renamed. The body itself is the platform's {@link dev.dispatch.platform.problem.Problem}.
 */
public enum ProblemType implements ProblemKind {
    VALIDATION("/problems/validation", "The request is not valid", 400),
    MALFORMED_JSON("/problems/malformed-json", "The request body is not valid JSON", 400),
    UNAUTHORIZED("/problems/unauthorized", "Authentication required", 401),
    FORBIDDEN("/problems/forbidden", "Not allowed", 403),
    NOT_FOUND("/problems/not-found", "Not found", 404),
    METHOD_NOT_ALLOWED("/problems/method-not-allowed", "Method not allowed", 405),
    NOT_ACCEPTABLE("/problems/not-acceptable", "Not acceptable", 406),
    ILLEGAL_TRANSITION("/problems/illegal-transition", "The order cannot make this change now", 409),
    CONFLICT("/problems/conflict", "Conflict", 409),
    PAYLOAD_TOO_LARGE("/problems/payload-too-large", "The request body is too large", 413),
    UNSUPPORTED_MEDIA_TYPE("/problems/unsupported-media-type", "Unsupported media type", 415),
    IDEMPOTENCY_KEY_REUSED("/problems/idempotency-key-reused", "Idempotency key reused with a different request", 422),
    INTERNAL("/problems/internal", "Internal error", 500),
    BAD_GATEWAY("/problems/bad-gateway", "A backend service failed", 502),
    UNAVAILABLE("/problems/unavailable", "A backend service is unavailable", 503);

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
