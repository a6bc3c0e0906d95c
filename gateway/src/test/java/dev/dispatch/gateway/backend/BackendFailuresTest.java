package dev.dispatch.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.grpc.Status;

/** Which failed calls count as "order-service unavailable" (503, reads retried) rather than a backend fault (502). */
class BackendFailuresTest {

    @Test
    void unreachableAndBrokenConnectionsAreUnavailable() {
        assertThat(BackendFailures.isUnavailable(Status.UNAVAILABLE.withDescription("io exception").asRuntimeException())).isTrue();
        assertThat(BackendFailures.isUnavailable(Status.INTERNAL.withDescription(
                "Connection closed after GOAWAY. HTTP/2 error code: PROTOCOL_ERROR, debug data: Request stream 3 is not correct")
                .asRuntimeException())).isTrue();
        assertThat(BackendFailures.isUnavailable(Status.UNAVAILABLE.asException())).isTrue();
    }

    @Test
    void answersAndFaultsAreNot() {
        assertThat(BackendFailures.isUnavailable(Status.INTERNAL.withDescription("internal error").asRuntimeException())).isFalse();
        assertThat(BackendFailures.isUnavailable(Status.INTERNAL.asRuntimeException())).isFalse();
        assertThat(BackendFailures.isUnavailable(Status.NOT_FOUND.asRuntimeException())).isFalse();
        assertThat(BackendFailures.isUnavailable(Status.DEADLINE_EXCEEDED.asRuntimeException())).isFalse();
        assertThat(BackendFailures.isUnavailable(new IllegalStateException("not a gRPC failure"))).isFalse();
        assertThat(BackendFailures.isTooSlow(Status.DEADLINE_EXCEEDED.asRuntimeException())).isTrue();
    }
}
