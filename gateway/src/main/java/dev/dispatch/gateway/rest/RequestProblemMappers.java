package dev.dispatch.gateway.problem;

import java.util.Comparator;
import java.util.List;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.vertx.core.http.HttpServerRequest;

/** Problems with the request itself: invalid fields, bad JSON, wrong media type, unknown route, ... */
public class RequestProblemMappers {

    /** Listed types too, so that these win over the built-in mappers registered for exactly them. */
    @ServerExceptionMapper({ ConstraintViolationException.class, ResteasyReactiveViolationException.class })
    public Response invalid(ConstraintViolationException e, HttpServerRequest request) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(FieldPaths.of(v.getPropertyPath()), v.getMessage()))
                .distinct()
                .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
                .toList();
        long fields = errors.stream().map(FieldError::field).distinct().count();
        String detail = fields == 1 ? "1 field is not valid" : fields + " fields are not valid";
        return ProblemResponses.builder(ProblemType.VALIDATION, detail, request.path(), errors).build();
    }

    /** Unparseable JSON, or JSON of the wrong shape (a string where a number belongs, an array for an object). */
    @ServerExceptionMapper({ JsonProcessingException.class, JsonMappingException.class, MismatchedInputException.class })
    public Response malformed(JsonProcessingException e, HttpServerRequest request) {
        // Cut-off JSON surfaces as a mapping error too: only a complete document has values of a wrong type.
        boolean unreadable = e instanceof JsonParseException || String.valueOf(e.getOriginalMessage()).startsWith("Unexpected end-of-input");
        String where = !unreadable && e instanceof JsonMappingException mapping ? FieldPaths.of(mapping.getPath()) : "";
        String detail = where.isEmpty()
                ? "The body could not be read as JSON" + location(e)
                : "The value at '" + where + "' has the wrong type or shape";
        return ProblemResponses.of(ProblemType.MALFORMED_JSON, detail, request.path());
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, HttpServerRequest request) {
        return ProblemResponses.of(e.type(), e.getMessage(), request.path());
    }

    /** What JAX-RS itself refuses: 404 route, 405 method, 406, 413, 415; headers such as Allow are kept. */
    @ServerExceptionMapper
    public Response http(WebApplicationException e, HttpServerRequest request) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformed(json, request); // Quarkus REST wraps an unparseable body in a 400
        }
        Response original = e.getResponse();
        int status = original.getStatus();
        ProblemType type = switch (status) {
            case 400 -> ProblemType.VALIDATION;
            case 401 -> ProblemType.UNAUTHORIZED;
            case 403 -> ProblemType.FORBIDDEN;
            case 404 -> ProblemType.NOT_FOUND;
            case 405 -> ProblemType.METHOD_NOT_ALLOWED;
            case 406 -> ProblemType.NOT_ACCEPTABLE;
            case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
            case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            default -> status >= 500 ? ProblemType.INTERNAL : null;
        };
        Response.ResponseBuilder response = type != null
                ? ProblemResponses.builder(type, detail(status, request), request.path())
                : ProblemResponses.untyped(status, request.path());
        String allow = original.getHeaderString(HttpHeaders.ALLOW);
        if (allow != null) {
            response.header(HttpHeaders.ALLOW, allow);
        }
        return response.build();
    }

    // Our own words, not the exception's: those can carry internals.
    private static String detail(int status, HttpServerRequest request) {
        return switch (status) {
            case 404 -> "Nothing is at " + request.path();
            case 405 -> request.method().name() + " is not allowed on " + request.path();
            case 406 -> "This resource answers only with application/json";
            case 413 -> "The request body is larger than this API accepts";
            case 415 -> contentType(request);
            default -> "The request could not be served";
        };
    }

    private static String contentType(HttpServerRequest request) {
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        return type == null ? "The body must be application/json; no Content-Type was sent"
                : "The body must be application/json, not " + type;
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
