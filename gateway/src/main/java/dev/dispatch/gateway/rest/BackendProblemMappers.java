package dev.dispatch.gateway.problem;

import java.util.List;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.dispatch.gateway.config.GatewayConfig;
import dev.dispatch.gateway.grpc.Backend;
import dev.dispatch.gateway.grpc.BackendException;
import dev.dispatch.gateway.grpc.FailureKind;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.vertx.core.http.HttpServerRequest;

/**
 * What a backend answered, as HTTP problems. {@link FailureKind} decides the problem type (GraphQL reads the same
 * kind for its error code); the status description is shown only where it is meant for callers.
 */
public class BackendProblemMappers {

    private static final Logger LOG = Logger.getLogger(BackendProblemMappers.class);

    private final GatewayConfig config;

    BackendProblemMappers(GatewayConfig config) {
        this.config = config;
    }

    @ServerExceptionMapper
    public Response backend(BackendException e, HttpServerRequest request) {
        return problem(e.backend(), e, request.path());
    }

    /** A gRPC failure that reached here untagged: the orders API is the oldest caller, so it is worded as order-service's. */
    @ServerExceptionMapper({ StatusRuntimeException.class, StatusException.class })
    public Response status(Exception e, HttpServerRequest request) {
        return problem(Backend.ORDERS, e, request.path());
    }

    private Response problem(Backend backend, Throwable e, String instance) {
        Status status = Status.fromThrowable(e);
        return switch (FailureKind.of(e)) {
            case UNAVAILABLE -> unavailable(backend, status, instance);
            case INVALID -> invalid(e, status, instance);
            case NOT_FOUND -> ProblemResponses.of(ProblemType.NOT_FOUND, backend.notFound(), instance);
            case ILLEGAL_TRANSITION -> ProblemResponses.of(ProblemType.ILLEGAL_TRANSITION, describe(status), instance);
            case CONFLICT -> ProblemResponses.of(ProblemType.CONFLICT, describe(status), instance);
            case FORBIDDEN -> ProblemResponses.of(ProblemType.FORBIDDEN, "Your role may not do this", instance);
            case UNAUTHENTICATED -> ProblemResponses.builder(ProblemType.UNAUTHORIZED, "The caller was not accepted", instance)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
            case BACKEND_FAULT -> {
                LOG.warnf("%s failed a call to %s with %s: %s", backend.service(), instance, status.getCode(), status.getDescription());
                yield ProblemResponses.of(ProblemType.BAD_GATEWAY, backend.subject() + " failed; this was logged", instance);
            }
        };
    }

    private Response unavailable(Backend backend, Status status, String instance) {
        if (status.getCode() == Status.Code.INTERNAL) {
            LOG.warnf("the connection to %s broke under a call to %s: %s", backend.service(), instance, status.getDescription());
        } else {
            LOG.debugf("%s %s for %s: %s", backend.service(), status.getCode(), instance, status.getDescription());
        }
        return ProblemResponses.builder(ProblemType.UNAVAILABLE, BackendMessages.unavailable(backend, status), instance)
                .header("Retry-After", Math.max(1, config.retryAfter().toSeconds()))
                .build();
    }

    /** A backend lists each bad field in a google.rpc.BadRequest detail; named here as the REST body names them. */
    private static Response invalid(Throwable e, Status status, String instance) {
        List<FieldError> errors = BackendMessages.fieldErrors(e);
        return ProblemResponses.builder(ProblemType.VALIDATION, describe(status), instance, errors.isEmpty() ? null : errors).build();
    }

    private static String describe(Status status) {
        return BackendMessages.describe(status);
    }
}
