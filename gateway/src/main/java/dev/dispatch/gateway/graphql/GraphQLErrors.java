package dev.dispatch.gateway.graphql;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.jboss.logging.Logger;

import dev.dispatch.gateway.backend.Backend;
import dev.dispatch.gateway.backend.BackendException;
import dev.dispatch.gateway.backend.BackendMessages;
import dev.dispatch.gateway.backend.FailureKind;
import dev.dispatch.gateway.backend.OutcomeUnknown;
import dev.dispatch.platform.problem.FieldError;
import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.ExceptionWhileDataFetching;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import io.grpc.Status;

/**
 * Gives every error of a GraphQL answer an {@code extensions.code} and a message meant for the client, whatever raised it:
 * a resolver ({@link ApiError}), a backend ({@link BackendException}, read through the same {@link FailureKind} as the
 * REST problems), the query itself (syntax, validation, limits) or a fault (logged here, never described). No class
 * names or stack traces: {@code quarkus.smallrye-graphql.error-extension-fields=code} keeps only the code.
 */
public class GraphQLErrors extends SimplePerformantInstrumentation {

    private static final Logger LOG = Logger.getLogger(GraphQLErrors.class);

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result, InstrumentationExecutionParameters parameters,
            InstrumentationState state) {
        if (result.getErrors().isEmpty()) {
            return CompletableFuture.completedFuture(result);
        }
        List<GraphQLError> errors = result.getErrors().stream().map(GraphQLErrors::withCode).toList();
        return CompletableFuture.completedFuture(result.transform(r -> r.errors(errors)));
    }

    static GraphQLError withCode(GraphQLError error) {
        if (error instanceof ExceptionWhileDataFetching fetching) {
            Coded coded = of(unwrap(fetching.getException()));
            return GraphqlErrorBuilder.newError().message(coded.message()).locations(error.getLocations()).path(error.getPath())
                    .extensions(Map.of("code", coded.code().name())).build();
        }
        if (error.getExtensions() != null && error.getExtensions().get("code") != null) {
            return error;
        }
        ErrorClassification type = error.getErrorType();
        // The query itself: it does not parse, does not fit the schema, or is over the depth or complexity limit.
        ErrorCode code = type == ErrorType.ValidationError || type == ErrorType.InvalidSyntax || type == ErrorType.ExecutionAborted
                ? ErrorCode.BAD_USER_INPUT : ErrorCode.INTERNAL;
        return GraphqlErrorBuilder.newError().message(error.getMessage()).locations(error.getLocations()).path(error.getPath())
                .extensions(Map.of("code", code.name())).build();
    }

    /** What an exception means to the client: its code and the words it may read. */
    public static Coded of(Throwable failure) {
        if (failure instanceof ApiError api) {
            return new Coded(api.code(), api.getMessage());
        }
        if (failure instanceof BackendException backend) {
            return ofBackend(backend.backend(), backend);
        }
        if (failure instanceof OutcomeUnknown unknown) {
            return new Coded(ErrorCode.OUTCOME_UNKNOWN, unknown.advice());
        }
        if (failure instanceof BulkheadException) {
            return new Coded(ErrorCode.UNAVAILABLE, BackendMessages.overloaded());
        }
        if (failure instanceof io.grpc.StatusRuntimeException || failure instanceof io.grpc.StatusException) {
            return ofBackend(Backend.ORDERS, failure);
        }
        LOG.error("a GraphQL resolver failed", failure);
        return new Coded(ErrorCode.INTERNAL, "Something went wrong on our side; it was logged");
    }

    private static Coded ofBackend(Backend backend, Throwable failure) {
        Status status = Status.fromThrowable(failure);
        return switch (FailureKind.of(failure)) {
            case UNAVAILABLE -> new Coded(ErrorCode.UNAVAILABLE, BackendMessages.unavailable(backend, status));
            case INVALID -> new Coded(ErrorCode.BAD_USER_INPUT, invalid(failure, status));
            case NOT_FOUND -> new Coded(ErrorCode.NOT_FOUND, backend.notFound());
            case ILLEGAL_TRANSITION, CONFLICT -> new Coded(ErrorCode.CONFLICT, BackendMessages.describe(status));
            case FORBIDDEN -> new Coded(ErrorCode.FORBIDDEN, "Your role may not do this");
            case UNAUTHENTICATED -> new Coded(ErrorCode.UNAUTHENTICATED, "The caller was not accepted");
            case BACKEND_FAULT -> {
                LOG.warnf("%s failed a GraphQL call with %s: %s", backend.service(), status.getCode(), status.getDescription());
                yield new Coded(ErrorCode.INTERNAL, backend.subject() + " failed; this was logged");
            }
        };
    }

    private static String invalid(Throwable failure, Status status) {
        List<FieldError> fields = BackendMessages.fieldErrors(failure);
        return fields.isEmpty() ? BackendMessages.describe(status) : InputChecks.describe(fields);
    }

    /** The failure that says what happened: SmallRye and the futures on the way may have wrapped it. */
    private static Throwable unwrap(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ApiError || t instanceof BackendException || t instanceof OutcomeUnknown || t instanceof BulkheadException
                    || t instanceof io.grpc.StatusRuntimeException
                    || t instanceof io.grpc.StatusException) {
                return t;
            }
        }
        return failure;
    }

    /** A code and a message for the client. */
    public record Coded(ErrorCode code, String message) {
    }
}
