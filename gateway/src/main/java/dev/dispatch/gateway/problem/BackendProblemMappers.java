package dev.dispatch.gateway.problem;

import java.util.List;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.google.rpc.BadRequest;

import dev.dispatch.gateway.config.GatewayConfig;
import dev.dispatch.gateway.grpc.BackendFailures;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.vertx.core.http.HttpServerRequest;

/** What order-service answered, as HTTP problems. The gRPC status decides; its description is shown only where it is meant for callers. */
public class BackendProblemMappers {

    private static final Logger LOG = Logger.getLogger(BackendProblemMappers.class);

    private final GatewayConfig config;

    BackendProblemMappers(GatewayConfig config) {
        this.config = config;
    }

    @ServerExceptionMapper({ StatusRuntimeException.class, StatusException.class })
    public Response status(Exception e, HttpServerRequest request) {
        Status status = Status.fromThrowable(e);
        String instance = request.path();
        if (BackendFailures.isUnavailable(e) || BackendFailures.isTooSlow(e)) {
            return unavailable(status, instance);
        }
        return switch (status.getCode()) {
            case INVALID_ARGUMENT -> invalid(e, status, instance);
            case NOT_FOUND -> ProblemResponses.of(ProblemType.NOT_FOUND, "No such order, or not one of yours", instance);
            case FAILED_PRECONDITION -> ProblemResponses.of(ProblemType.ILLEGAL_TRANSITION, describe(status), instance);
            case ALREADY_EXISTS -> ProblemResponses.of(ProblemType.CONFLICT, describe(status), instance);
            case PERMISSION_DENIED -> ProblemResponses.of(ProblemType.FORBIDDEN, "Your role may not do this", instance);
            case UNAUTHENTICATED -> ProblemResponses.builder(ProblemType.UNAUTHORIZED, "The caller was not accepted", instance)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
            default -> {
                LOG.warnf("order-service failed a call to %s with %s: %s", instance, status.getCode(), status.getDescription());
                yield ProblemResponses.of(ProblemType.BAD_GATEWAY, "The order service failed; this was logged", instance);
            }
        };
    }

    private Response unavailable(Status status, String instance) {
        if (status.getCode() == Status.Code.INTERNAL) {
            LOG.warnf("the connection to order-service broke under a call to %s: %s", instance, status.getDescription());
        } else {
            LOG.debugf("order-service %s for %s: %s", status.getCode(), instance, status.getDescription());
        }
        String detail = status.getCode() == Status.Code.DEADLINE_EXCEEDED
                ? "The order service did not answer in time; try again shortly"
                : "The order service is unavailable; try again shortly";
        return ProblemResponses.builder(ProblemType.UNAVAILABLE, detail, instance)
                .header("Retry-After", Math.max(1, config.retryAfter().toSeconds()))
                .build();
    }

    /** order-service lists each bad field in a google.rpc.BadRequest detail; named here as the REST body names them. */
    private static Response invalid(Exception e, Status status, String instance) {
        com.google.rpc.Status rich = StatusProto.fromThrowable(e);
        List<FieldError> errors = rich == null ? List.of() : rich.getDetailsList().stream()
                .filter(any -> any.is(BadRequest.class))
                .flatMap(any -> unpack(any).getFieldViolationsList().stream())
                .map(v -> new FieldError(FieldPaths.ofProto(v.getField()), v.getDescription()))
                .toList();
        return ProblemResponses.builder(ProblemType.VALIDATION, describe(status), instance, errors.isEmpty() ? null : errors).build();
    }

    private static BadRequest unpack(com.google.protobuf.Any any) {
        try {
            return any.unpack(BadRequest.class);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            return BadRequest.getDefaultInstance();
        }
    }

    private static String describe(Status status) {
        return status.getDescription() == null ? status.getCode().name() : status.getDescription();
    }
}
