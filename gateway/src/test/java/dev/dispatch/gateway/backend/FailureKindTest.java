package dev.dispatch.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.grpc.Status;

/** One reading of a backend's status for both APIs: REST's problem type and GraphQL's error code follow from it. */
class FailureKindTest {

    @Test
    void eachStatusHasItsKind() {
        assertThat(FailureKind.of(Status.INVALID_ARGUMENT.asRuntimeException())).isEqualTo(FailureKind.INVALID);
        assertThat(FailureKind.of(Status.OUT_OF_RANGE.asRuntimeException())).isEqualTo(FailureKind.INVALID);
        assertThat(FailureKind.of(Status.NOT_FOUND.asRuntimeException())).isEqualTo(FailureKind.NOT_FOUND);
        assertThat(FailureKind.of(Status.FAILED_PRECONDITION.asRuntimeException())).isEqualTo(FailureKind.ILLEGAL_TRANSITION);
        assertThat(FailureKind.of(Status.ALREADY_EXISTS.asRuntimeException())).isEqualTo(FailureKind.CONFLICT);
        assertThat(FailureKind.of(Status.PERMISSION_DENIED.asRuntimeException())).isEqualTo(FailureKind.FORBIDDEN);
        assertThat(FailureKind.of(Status.UNAUTHENTICATED.asRuntimeException())).isEqualTo(FailureKind.UNAUTHENTICATED);
    }

    @Test
    void unreachableBrokenAndSlowAreUnavailable() {
        assertThat(FailureKind.of(Status.UNAVAILABLE.asRuntimeException())).isEqualTo(FailureKind.UNAVAILABLE);
        assertThat(FailureKind.of(Status.DEADLINE_EXCEEDED.asRuntimeException())).isEqualTo(FailureKind.UNAVAILABLE);
        assertThat(FailureKind.of(Status.INTERNAL.withDescription("Connection closed after GOAWAY. HTTP/2 error code: NO_ERROR")
                .asRuntimeException())).isEqualTo(FailureKind.UNAVAILABLE);
    }

    @Test
    void anythingElseIsTheBackendsFault() {
        assertThat(FailureKind.of(Status.INTERNAL.withDescription("internal error").asRuntimeException())).isEqualTo(FailureKind.BACKEND_FAULT);
        assertThat(FailureKind.of(Status.UNKNOWN.asRuntimeException())).isEqualTo(FailureKind.BACKEND_FAULT);
        assertThat(FailureKind.of(Status.RESOURCE_EXHAUSTED.asRuntimeException())).isEqualTo(FailureKind.BACKEND_FAULT);
    }

    @Test
    void aTaggedFailureIsReadThroughItsTag() {
        Throwable tagged = BackendException.tag(Backend.DEVICES, Status.NOT_FOUND.asRuntimeException());
        assertThat(tagged).isInstanceOf(BackendException.class);
        assertThat(((BackendException) tagged).backend()).isEqualTo(Backend.DEVICES);
        assertThat(FailureKind.of(tagged)).isEqualTo(FailureKind.NOT_FOUND);
        assertThat(BackendException.tag(Backend.ORDERS, tagged)).isSameAs(tagged);
    }
}
