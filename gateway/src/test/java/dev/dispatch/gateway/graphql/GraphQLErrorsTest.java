package dev.dispatch.gateway.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;

import dev.dispatch.gateway.backend.Backend;
import dev.dispatch.gateway.backend.BackendException;
import dev.dispatch.gateway.graphql.GraphQLErrors.Coded;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;

/** Every failure of a resolver as an error code and words for the client, read as REST reads it (FailureKind). */
class GraphQLErrorsTest {

    @Test
    void theGatewaysOwnErrorsKeepTheirCode() {
        assertThat(GraphQLErrors.of(new ApiError(ErrorCode.FORBIDDEN, "Only operators may do this")))
                .isEqualTo(new Coded(ErrorCode.FORBIDDEN, "Only operators may do this"));
    }

    @Test
    void aBackendsAnswerIsNamedForThatBackend() {
        assertThat(GraphQLErrors.of(new BackendException(Backend.DEVICES, Status.NOT_FOUND.asRuntimeException())))
                .isEqualTo(new Coded(ErrorCode.NOT_FOUND, "No such device"));
        assertThat(GraphQLErrors.of(new BackendException(Backend.PAYMENTS, Status.UNAVAILABLE.asRuntimeException())))
                .isEqualTo(new Coded(ErrorCode.UNAVAILABLE, "The payment service is unavailable; try again shortly"));
        assertThat(GraphQLErrors.of(new BackendException(Backend.ORDERS,
                Status.FAILED_PRECONDITION.withDescription("order is DISPATCHED").asRuntimeException())))
                .isEqualTo(new Coded(ErrorCode.CONFLICT, "order is DISPATCHED"));
        assertThat(GraphQLErrors.of(new BackendException(Backend.ORDERS, Status.PERMISSION_DENIED.asRuntimeException())).code())
                .isEqualTo(ErrorCode.FORBIDDEN);
    }

    @Test
    void anUntaggedStatusIsOrderServices() {
        assertThat(GraphQLErrors.of(Status.NOT_FOUND.asRuntimeException()))
                .isEqualTo(new Coded(ErrorCode.NOT_FOUND, "No such order, or not one of yours"));
    }

    @Test
    void fieldsABackendRefusesAreListedUnderTheirClientNames() {
        var invalid = StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.INVALID_ARGUMENT_VALUE).setMessage("1 field is not valid")
                .addDetails(Any.pack(BadRequest.newBuilder().addFieldViolations(BadRequest.FieldViolation.newBuilder()
                        .setField("delivery_address.postal_code").setDescription("is not a postal code of DE")).build()))
                .build());
        assertThat(GraphQLErrors.of(new BackendException(Backend.ORDERS, invalid)))
                .isEqualTo(new Coded(ErrorCode.BAD_USER_INPUT, "1 field is not valid: deliveryAddress.postalCode is not a postal code of DE"));
        assertThat(GraphQLErrors.of(new BackendException(Backend.ORDERS, Status.INVALID_ARGUMENT.withDescription("bad").asRuntimeException())))
                .isEqualTo(new Coded(ErrorCode.BAD_USER_INPUT, "bad"));
    }

    @Test
    void faultsAreInternalAndNotDescribed() {
        assertThat(GraphQLErrors.of(new BackendException(Backend.ORDERS, Status.INTERNAL.withDescription("NullPointerException").asRuntimeException())))
                .isEqualTo(new Coded(ErrorCode.INTERNAL, "The order service failed; this was logged"));
        assertThat(GraphQLErrors.of(new IllegalStateException("secret internals")))
                .isEqualTo(new Coded(ErrorCode.INTERNAL, "Something went wrong on our side; it was logged"));
    }
}
