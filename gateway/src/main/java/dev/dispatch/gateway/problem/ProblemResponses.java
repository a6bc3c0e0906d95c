package dev.dispatch.gateway.problem;

import java.util.List;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Builds the one shape every error response of the API has. */
public final class ProblemResponses {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType PROBLEM_JSON = MediaType.valueOf(MEDIA_TYPE);

    private ProblemResponses() {
    }

    public static Response.ResponseBuilder builder(ProblemType type, String detail, String instance) {
        return builder(type, detail, instance, null);
    }

    public static Response.ResponseBuilder builder(ProblemType type, String detail, String instance, List<FieldError> errors) {
        return Response.status(type.status())
                .type(PROBLEM_JSON)
                .entity(new Problem(type.type(), type.title(), type.status(), detail, instance, errors));
    }

    /** A status this API gives no meaning of its own: RFC 9457's "about:blank", titled by the status's reason. */
    public static Response.ResponseBuilder untyped(int status, String instance) {
        String reason = Response.Status.fromStatusCode(status) != null ? Response.Status.fromStatusCode(status).getReasonPhrase() : "Error";
        return Response.status(status).type(PROBLEM_JSON).entity(new Problem("about:blank", reason, status, null, instance, null));
    }

    public static Response of(ProblemType type, String detail, String instance) {
        return builder(type, detail, instance).build();
    }
}
