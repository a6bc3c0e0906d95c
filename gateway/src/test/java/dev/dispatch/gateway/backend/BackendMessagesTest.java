package dev.dispatch.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;

import dev.dispatch.platform.problem.FieldError;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;

/** The words both APIs use for a failed backend call. */
class BackendMessagesTest {

    @Test
    void aBackendsBadFieldsAreNamedAsTheClientNamesThem() {
        var failure = StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.INVALID_ARGUMENT_VALUE)
                .setMessage("2 fields are not valid")
                .addDetails(Any.pack(BadRequest.newBuilder()
                        .addFieldViolations(BadRequest.FieldViolation.newBuilder().setField("items[0].unit_price_minor").setDescription("too high"))
                        .addFieldViolations(BadRequest.FieldViolation.newBuilder().setField("idempotency_key").setDescription("too long"))
                        .build()))
                .build());
        assertThat(BackendMessages.fieldErrors(failure)).containsExactly(
                new FieldError("items[0].unitPriceMinor", "too high"), new FieldError("Idempotency-Key", "too long"));
        assertThat(BackendMessages.describe(Status.fromThrowable(failure))).isEqualTo("2 fields are not valid");
    }

    @Test
    void aFailureWithoutDetailsHasNoFields() {
        assertThat(BackendMessages.fieldErrors(Status.INVALID_ARGUMENT.asRuntimeException())).isEmpty();
        assertThat(BackendMessages.fieldErrors(new IllegalStateException("not gRPC"))).isEmpty();
        assertThat(BackendMessages.describe(Status.INVALID_ARGUMENT)).isEqualTo("INVALID_ARGUMENT");
    }

    @Test
    void unavailableSaysWhichServiceAndWhetherItWasTooSlow() {
        assertThat(BackendMessages.unavailable(Backend.DEVICES, Status.UNAVAILABLE))
                .isEqualTo("The device service is unavailable; try again shortly");
        assertThat(BackendMessages.unavailable(Backend.ORDERS, Status.DEADLINE_EXCEEDED))
                .isEqualTo("The order service did not answer in time; try again shortly");
    }
}
