package dev.dispatch.web.rest;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.dispatch.platform.problem.CommonProblems;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** Every error of this service as application/problem+json: auth (not proactive, so it reaches here), bad bodies. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response missing(UnauthorizedException e, HttpServerRequest request) {
        return CommonProblems.UNAUTHORIZED.response("A bearer token is required", request.path())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper({ AuthenticationFailedException.class, AuthenticationCompletionException.class })
    public Response refused(RuntimeException e, HttpServerRequest request) {
        LOG.debugf("bearer token refused for %s: %s", request.path(), e.getMessage());
        return CommonProblems.UNAUTHORIZED.response("The bearer token is not valid", request.path())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        return CommonProblems.FORBIDDEN.response("Only operators may watch the board", request.path()).build();
    }

    /** Unreadable JSON, wrong media type, unknown path: the status JAX-RS chose, as a problem. */
    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        if (status == 400) {
            return CommonProblems.MALFORMED_JSON.response("The body is not the JSON this resource takes", request.path()).build();
        }
        if (status == 415) {
            return CommonProblems.UNSUPPORTED_MEDIA_TYPE.response("Send application/json", request.path()).build();
        }
        if (status == 404) {
            return CommonProblems.NOT_FOUND.response("No such resource", request.path()).build();
        }
        return dev.dispatch.platform.problem.ProblemKind.untyped(status, request.path()).build();
    }
}
