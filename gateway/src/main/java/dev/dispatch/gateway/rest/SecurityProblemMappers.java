package dev.dispatch.gateway.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;

/**
 * 401 and 403 as problems. They reach these mappers because authentication is not proactive
 * ({@code quarkus.http.auth.proactive=false}): it runs when a resource asks who is calling.
 */
public class SecurityProblemMappers {

    private static final Logger LOG = Logger.getLogger(SecurityProblemMappers.class);

    @ServerExceptionMapper
    public Response missing(UnauthorizedException e, HttpServerRequest request) {
        return ProblemType.UNAUTHORIZED.response("A bearer token is required", request.path())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    /** Bad signature, wrong issuer, expired: the reason stays in the log, the client learns only that the token was refused. */
    @ServerExceptionMapper({ AuthenticationFailedException.class, AuthenticationCompletionException.class })
    public Response refused(RuntimeException e, HttpServerRequest request) {
        LOG.debugf("bearer token refused for %s: %s", request.path(), e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
        return ProblemType.UNAUTHORIZED.response("The bearer token is not valid", request.path())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        return ProblemType.FORBIDDEN.response("Your role may not " + request.method().name() + " " + request.path(),
                request.path()).build();
    }
}
