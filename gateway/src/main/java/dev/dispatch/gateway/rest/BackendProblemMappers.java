package dev.dispatch.gateway.rest;

import java.util.List;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.dispatch.gateway.backend.Backend;
import dev.dispatch.gateway.backend.BackendException;
import dev.dispatch.gateway.backend.BackendMessages;
import dev.dispatch.gateway.backend.FailureKind;
import dev.dispatch.gateway.backend.OutcomeUnknown;
import dev.dispatch.gateway.backend.UnknownAnswer;
import dev.dispatch.gateway.config.GatewayConfig;
import dev.dispatch.platform.problem.FieldError;
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

    /**
     * Placing an order may or may not have happened (OrderBackend tried again and never got an answer): 504, with the
     * idempotency key to place it again safely, in the body's detail and in the Idempotency-Key header.
     */
    @ServerExceptionMapper
    public Response outcomeUnknown(OutcomeUnknown e, HttpServerRequest request) {
        LOG.warnf("placing an order (key %s) got no answer from order-service: %s", e.idempotencyKey(), Status.fromThrowable(e.getCause()));
        return ProblemType.OUTCOME_UNKNOWN.response(e.advice(), request.path())
                .header("Idempotency-Key", e.idempotencyKey())
                .header("Retry-After", Math.max(1, config.retryAfter().toSeconds()))
                .build();
    }

    /** Shed at the gateway's bulkhead: nothing was sent, so nothing was done. */
    @ServerExceptionMapper
    public Response overloaded(BulkheadException e, HttpServerRequest request) {
        return ProblemType.OVERLOADED.response(BackendMessages.overloaded(), request.path())
                .header("Retry-After", Math.max(1, config.retryAfter().toSeconds()))
                .build();
    }

    /** A backend answered with a value of a newer contract than this gateway's. */
    @ServerExceptionMapper
    public Response unknown(UnknownAnswer e, HttpServerRequest request) {
        return ProblemType.BAD_GATEWAY.response(e.getMessage(), request.path()).build();
    }

    private Response problem(Backend backend, Throwable e, String instance) {
        Status status = Status.fromThrowable(e);
        return switch (FailureKind.of(e)) {
            case UNAVAILABLE -> unavailable(backend, status, instance);
            case INVALID -> invalid(e, status, instance);
            case NOT_FOUND -> ProblemType.NOT_FOUND.response(backend.notFound(), instance).build();
            case ILLEGAL_TRANSITION -> ProblemType.ILLEGAL_TRANSITION.response(describe(status), instance).build();
            case CONFLICT -> ProblemType.CONFLICT.response(describe(status), instance).build();
            case FORBIDDEN -> ProblemType.FORBIDDEN.response("Your role may not do this", instance).build();
            case UNAUTHENTICATED -> ProblemType.UNAUTHORIZED.response("The caller was not accepted", instance)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
            case BACKEND_FAULT -> {
                LOG.warnf("%s failed a call to %s with %s: %s", backend.service(), instance, status.getCode(), status.getDescription());
                yield ProblemType.BAD_GATEWAY.response(backend.subject() + " failed; this was logged", instance).build();
            }
        };
    }

    private Response unavailable(Backend backend, Status status, String instance) {
        if (status.getCode() == Status.Code.INTERNAL) {
            LOG.warnf("the connection to %s broke under a call to %s: %s", backend.service(), instance, status.getDescription());
        } else {
            LOG.debugf("%s %s for %s: %s", backend.service(), status.getCode(), instance, status.getDescription());
        }
        return ProblemType.UNAVAILABLE.response(BackendMessages.unavailable(backend, status), instance)
                .header("Retry-After", Math.max(1, config.retryAfter().toSeconds()))
                .build();
    }

    /** A backend lists each bad field in a google.rpc.BadRequest detail; named here as the REST body names them. */
    private static Response invalid(Throwable e, Status status, String instance) {
        List<FieldError> errors = BackendMessages.fieldErrors(e);
        return ProblemType.VALIDATION.response(describe(status), instance, errors.isEmpty() ? null : errors).build();
    }

    private static String describe(Status status) {
        return BackendMessages.describe(status);
    }
}
