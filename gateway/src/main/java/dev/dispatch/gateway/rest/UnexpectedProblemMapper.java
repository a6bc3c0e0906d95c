package dev.dispatch.gateway.rest;

import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.vertx.core.http.HttpServerRequest;

/** The last resort: logged in full here, and the client gets a problem, never a stack trace. */
public class UnexpectedProblemMapper {

    private static final Logger LOG = Logger.getLogger(UnexpectedProblemMapper.class);

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpServerRequest request) {
        LOG.errorf(e, "%s %s failed", request.method(), request.path());
        return ProblemType.INTERNAL.response("Something went wrong on our side; it was logged", request.path()).build();
    }
}
