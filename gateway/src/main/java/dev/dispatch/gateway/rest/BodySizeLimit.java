package dev.dispatch.gateway.rest;

import dev.dispatch.platform.problem.ProblemKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.HttpHeaders;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dispatch.platform.problem.Problem;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * 413 as a problem for a body whose declared length is over quarkus.http.limits.max-body-size, before a byte
 * of it is read. It runs just before Vert.x's own check of the same limit, which would answer with an empty 413;
 * that check stays the backstop for bodies sent without a length (chunked).
 */
@ApplicationScoped
public class BodySizeLimit {

    private final long maxBytes;
    private final ObjectMapper json;

    BodySizeLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize, ObjectMapper json) {
        this.maxBytes = maxBodySize.asLongValue();
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::check);
    }

    private void check(RoutingContext request) {
        String length = request.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null || fits(length)) {
            request.next();
            return;
        }
        ProblemKind type = ProblemType.PAYLOAD_TOO_LARGE;
        Problem problem = new Problem(type.type(), type.title(), type.status(),
                "The body is " + length.trim() + " bytes; at most " + maxBytes + " are accepted", request.request().path(), null);
        // The unread body would be taken for the next request on this connection: close it once answered, as Vert.x does.
        request.response()
                .setStatusCode(type.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader("Connection", "close")
                .endHandler(done -> request.request().connection().close())
                .end(write(problem));
    }

    private boolean fits(String length) {
        try {
            return Long.parseLong(length.trim()) <= maxBytes;
        } catch (NumberFormatException e) {
            return true; // not ours to judge: Vert.x refuses a malformed Content-Length itself
        }
    }

    private String write(Problem problem) {
        try {
            return json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
