package dev.dispatch.notification.rest;

import dev.dispatch.platform.problem.CommonProblems;
import dev.dispatch.platform.problem.ProblemKind;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.dispatch.notification.service.FeedNotStartedException;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;

/**
 * Every REST error as problem+json. 401 and 403 reach these mappers because authentication is not proactive
 * ({@code quarkus.http.auth.proactive=false}): it runs when an endpoint asks who is calling.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response missing(UnauthorizedException e, HttpServerRequest request) {
        return CommonProblems.UNAUTHORIZED.response("A bearer token is required", request.path())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    /** Bad signature, wrong issuer, expired: the reason stays in the log, the client learns only that the token was refused. */
    @ServerExceptionMapper({ AuthenticationFailedException.class, AuthenticationCompletionException.class })
    public Response refused(RuntimeException e, HttpServerRequest request) {
        LOG.debugf("token refused for %s: %s", request.path(), e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
        return CommonProblems.UNAUTHORIZED.response("The bearer token is not valid", request.path())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        String detail = request.path().startsWith("/api/calls") ? "Only customers, couriers and operators make calls"
                : "Only customers and operators have notifications";
        return CommonProblems.FORBIDDEN.response(detail, request.path()).build();
    }

    @ServerExceptionMapper
    public Response notStarted(FeedNotStartedException e, HttpServerRequest request) {
        return ProblemType.UNAVAILABLE.response(e.getMessage(), request.path()).header(HttpHeaders.RETRY_AFTER, "2").build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpServerRequest request) {
        ProblemKind type = e instanceof NotFoundException ? CommonProblems.NOT_FOUND
                : e instanceof NotAllowedException ? CommonProblems.METHOD_NOT_ALLOWED
                : e instanceof NotSupportedException ? CommonProblems.UNSUPPORTED_MEDIA_TYPE
                : e instanceof NotAcceptableException ? CommonProblems.NOT_ACCEPTABLE
                : null;
        if (type == null) {
            return e.getResponse();
        }
        return type.response(request.method().name() + " " + request.path() + ": " + type.title().toLowerCase(java.util.Locale.ROOT),
                request.path()).build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, HttpServerRequest request) {
        LOG.errorf(e, "unexpected failure of %s %s", request.method(), request.path());
        return CommonProblems.INTERNAL.response("Something went wrong; it has been logged", request.path()).build();
    }
}
