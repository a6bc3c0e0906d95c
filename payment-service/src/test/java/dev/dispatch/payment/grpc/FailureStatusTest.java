package dev.dispatch.payment.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;

import org.junit.jupiter.api.Test;

import dev.dispatch.payment.model.PaymentRejected;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.vertx.sqlclient.ClosedConnectionException;

class FailureStatusTest {

    @Test
    void aRefusalKeepsItsMessageUnderItsOwnCode() {
        assertStatus(FailureStatus.of(new PaymentRejected(PaymentRejected.Kind.INVALID, "order_id is required")),
                Status.Code.INVALID_ARGUMENT, "order_id is required");
        assertStatus(FailureStatus.of(new PaymentRejected(PaymentRejected.Kind.NOT_FOUND, "no payment for order o-1")),
                Status.Code.NOT_FOUND, "no payment for order o-1");
        assertStatus(FailureStatus.of(new PaymentRejected(PaymentRejected.Kind.CONFLICT, "order o-1 already has a payment")),
                Status.Code.ALREADY_EXISTS, "order o-1 already has a payment");
        assertStatus(FailureStatus.of(new PaymentRejected(PaymentRejected.Kind.PRECONDITION, "nothing to refund")),
                Status.Code.FAILED_PRECONDITION, "nothing to refund");
    }

    @Test
    void anUnreachableDatabaseIsUnavailable() {
        assertStatus(FailureStatus.of(new ConnectException("Connection refused")),
                Status.Code.UNAVAILABLE, "payment store unavailable, try again");
        assertStatus(FailureStatus.of(ClosedConnectionException.INSTANCE),
                Status.Code.UNAVAILABLE, "payment store unavailable, try again");
    }

    @Test
    void anythingElseIsABareInternalError() {
        assertStatus(FailureStatus.of(new IllegalStateException("secret detail")), Status.Code.INTERNAL, "internal error");
    }

    private static void assertStatus(Throwable failure, Status.Code code, String description) {
        assertThat(failure).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(code);
            assertThat(e.getStatus().getDescription()).isEqualTo(description);
        });
    }
}
