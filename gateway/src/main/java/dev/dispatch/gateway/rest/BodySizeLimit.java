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
import io.vertx.ext.web.handler.BodyHandler;

/**
 * 413 as a problem for a body over quarkus.http.limits.max-body-size. A declared length is judged before a byte of the
 * body is read, just before Vert.x's own check of the same limit, which would answer with an empty 413. A body sent
 * without a length (chunked) is read here, up to the limit, by a Vert.x BodyHandler (the REST layer then takes the
 * body it read): one byte more fails the request with 413, which the failure handler answers as a problem —
 * otherwise the REST layer's own reader would answer an empty 413 and fail the request with an IOException.
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
        BodyHandler chunked = BodyHandler.create(false).setBodyLimit(maxBytes);
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(request -> check(request, chunked))
                .failureHandler(this::tooLargeWhileRead);
    }

    private void check(RoutingContext request, BodyHandler chunked) {
        String length = request.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            if (isChunked(request)) {
                chunked.handle(request);
            } else {
                request.next();
            }
            return;
        }
        if (fits(length)) {
            request.next();
            return;
        }
        refuse(request, "The body is " + length.trim() + " bytes; at most " + maxBytes + " are accepted");
    }

    private void tooLargeWhileRead(RoutingContext request) {
        if (request.statusCode() != 413 || request.response().ended()) {
            request.next();
            return;
        }
        refuse(request, "The body is longer than the " + maxBytes + " bytes accepted");
    }

    private static boolean isChunked(RoutingContext request) {
        String encoding = request.request().getHeader("Transfer-Encoding");
        return encoding != null && encoding.toLowerCase(java.util.Locale.ROOT).contains("chunked");
    }

    private void refuse(RoutingContext request, String detail) {
        ProblemKind type = ProblemType.PAYLOAD_TOO_LARGE;
        Problem problem = new Problem(type.type(), type.title(), type.status(), detail, request.request().path(), null);
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
