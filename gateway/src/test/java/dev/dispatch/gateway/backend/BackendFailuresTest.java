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

    @Test
    void onlyARefusedConnectionOrTheBackendsOwnUnavailableMeanNothingWasDone() {
        Throwable refused = Status.UNAVAILABLE.withDescription("io exception")
                .withCause(new java.net.ConnectException("Connection refused: /127.0.0.1:8081")).asRuntimeException();
        assertThat(BackendFailures.neverSent(refused)).isTrue();
        assertThat(BackendFailures.certainlyNotDone(refused)).isTrue();
        assertThat(BackendFailures.certainlyNotDone(Status.UNAVAILABLE.withDescription("order store unavailable, try again")
                .asRuntimeException())).isTrue();

        // A lost answer: the request may have arrived and been acted on.
        assertThat(BackendFailures.certainlyNotDone(Status.DEADLINE_EXCEEDED.asRuntimeException())).isFalse();
        assertThat(BackendFailures.certainlyNotDone(Status.UNAVAILABLE.withDescription("Network closed for unknown reason")
                .asRuntimeException())).isFalse();
        assertThat(BackendFailures.certainlyNotDone(Status.UNAVAILABLE.withDescription("io exception")
                .withCause(new java.io.IOException("Connection reset by peer")).asRuntimeException())).isFalse();
        assertThat(BackendFailures.certainlyNotDone(Status.INTERNAL.withDescription(
                "Connection closed after GOAWAY. HTTP/2 error code: ENHANCE_YOUR_CALM").asRuntimeException())).isFalse();
        assertThat(BackendFailures.certainlyNotDone(Status.UNAVAILABLE.asRuntimeException())).isFalse();
    }

    @Test
    void aConnectionTheServersFloodGuardEndedIsUnavailableNotAFault() {
        // What the chaos run's gateway saw when order-service's HTTP/2 guard counted too many resets: 502 before.
        Throwable calm = Status.RESOURCE_EXHAUSTED.withDescription("Connection closed after GOAWAY. HTTP/2 error code: "
                + "ENHANCE_YOUR_CALM, debug data: Maximum number of RST frames reached").asRuntimeException();
        assertThat(BackendFailures.isUnavailable(calm)).isTrue();
        assertThat(FailureKind.of(calm)).isEqualTo(FailureKind.UNAVAILABLE);
        assertThat(BackendFailures.isUnavailable(Status.RESOURCE_EXHAUSTED.withDescription("quota").asRuntimeException())).isFalse();
    }
}
