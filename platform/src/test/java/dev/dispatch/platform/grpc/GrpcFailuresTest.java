package dev.dispatch.platform.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.rpc.BadRequest;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;

class GrpcFailuresTest {

    @Test
    void invalidArgumentCarriesEveryFieldViolation() throws Exception {
        StatusRuntimeException status = GrpcFailures.invalidArgument("2 fields are not valid",
                List.of(new FieldViolation("items[0].quantity", "must be at least 1"), new FieldViolation("currency", "is required")));

        assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(status.getStatus().getDescription()).isEqualTo("2 fields are not valid");
        BadRequest detail = StatusProto.fromThrowable(status).getDetails(0).unpack(BadRequest.class);
        assertThat(detail.getFieldViolationsList()).extracting(BadRequest.FieldViolation::getField)
                .containsExactly("items[0].quantity", "currency");
    }

    @Test
    void anUnreachableDependencyIsRetryableAndABugIsNotShown() {
        assertThat(GrpcFailures.unexpected("order call", "order store", new ConnectException("refused")).getStatus().getCode())
                .isEqualTo(Status.Code.UNAVAILABLE);
        StatusRuntimeException internal = GrpcFailures.unexpected("order call", "order store", new NullPointerException("secret detail"));
        assertThat(internal.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(internal.getStatus().getDescription()).isEqualTo("internal error");
    }

    @Test
    void aStatusAlreadyMadePassesThrough() {
        StatusRuntimeException notFound = Status.NOT_FOUND.withDescription("no such device").asRuntimeException();
        assertThat(GrpcFailures.unexpected("device call", "device store", notFound)).isSameAs(notFound);
    }
}
