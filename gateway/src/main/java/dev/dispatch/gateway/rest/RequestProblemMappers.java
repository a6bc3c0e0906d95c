package dev.dispatch.gateway.rest;

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

import dev.dispatch.gateway.model.InvalidFields;
import dev.dispatch.platform.problem.FieldError;
import dev.dispatch.platform.problem.ProblemKind;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.vertx.core.http.HttpServerRequest;

/** Problems with the request itself: invalid fields, bad JSON, wrong media type, unknown route, ... */
public class RequestProblemMappers {

    /** Listed types too, so that these win over the built-in mappers registered for exactly them. */
    @ServerExceptionMapper({ ConstraintViolationException.class, ResteasyReactiveViolationException.class })
    public Response invalid(ConstraintViolationException e, HttpServerRequest request) {
        List<FieldError> errors = InvalidFields.of(e.getConstraintViolations());
        return ProblemType.VALIDATION.response(InvalidFields.summary(errors), request.path(), errors).build();
    }

    /** Unparseable JSON, or JSON of the wrong shape (a string where a number belongs, an array for an object). */
    @ServerExceptionMapper({ JsonProcessingException.class, JsonMappingException.class, MismatchedInputException.class })
    public Response malformed(JsonProcessingException e, HttpServerRequest request) {
        // Cut-off JSON surfaces as a mapping error too: only a complete document has values of a wrong type.
        boolean unreadable = e instanceof JsonParseException || String.valueOf(e.getOriginalMessage()).startsWith("Unexpected end-of-input");
        String where = !unreadable && e instanceof JsonMappingException mapping ? jsonPath(mapping.getPath()) : "";
        String detail = where.isEmpty()
                ? "The body could not be read as JSON" + location(e)
                : "The value at '" + where + "' has the wrong type or shape";
        return ProblemType.MALFORMED_JSON.response(detail, request.path()).build();
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, HttpServerRequest request) {
        return e.type().response(e.getMessage(), request.path()).build();
    }

    /** What JAX-RS itself refuses: 404 route, 405 method, 406, 413, 415; headers such as Allow are kept. */
    @ServerExceptionMapper
    public Response http(WebApplicationException e, HttpServerRequest request) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformed(json, request); // Quarkus REST wraps an unparseable body in a 400
        }
        Response original = e.getResponse();
        int status = original.getStatus();
        ProblemKind type = switch (status) {
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
                ? type.response(detail(status, request), request.path())
                : ProblemKind.untyped(status, request.path());
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

    /** Where in the body a value of the wrong type is, as a client writes it: {@code items[0].quantity}. */
    static String jsonPath(List<JsonMappingException.Reference> path) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
