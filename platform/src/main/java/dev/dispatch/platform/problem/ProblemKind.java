package dev.dispatch.platform.problem;

import java.util.List;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * A kind of problem a service answers with: its stable type URI (clients may switch on it, so a kind is only ever
 * added, never renamed), title and status. {@link CommonProblems} are the kinds every service shares; a service adds its own.
 */
public interface ProblemKind {

    MediaType PROBLEM_JSON = MediaType.valueOf(Problem.MEDIA_TYPE);

    String type();

    String title();

    int status();

    default Response.ResponseBuilder response(String detail, String instance) {
        return response(detail, instance, null);
    }

    default Response.ResponseBuilder response(String detail, String instance, List<FieldError> errors) {
        return Response.status(status()).type(PROBLEM_JSON).entity(new Problem(type(), title(), status(), detail, instance, errors));
    }

    /** A status the service gives no meaning of its own: RFC 9457's "about:blank", titled by the status's reason. */
    static Response.ResponseBuilder untyped(int status, String instance) {
        Response.Status known = Response.Status.fromStatusCode(status);
        String reason = known != null ? known.getReasonPhrase() : "Error";
        return Response.status(status).type(PROBLEM_JSON).entity(new Problem("about:blank", reason, status, null, instance, null));
    }
}
