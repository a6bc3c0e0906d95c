package dev.dispatch.payment.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.InvalidProtocolBufferException;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.reflection.v1.MutinyServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Multi;

/** Server reflection on the HTTP port, as grpcurl uses it for {@code list}, {@code describe} and calls without .proto files. */
@QuarkusTest
class ReflectionTest {

    @TestHTTPResource("/")
    URL app;

    @Test
    void listsTheServices() {
        assertThat(ask(ServerReflectionRequest.newBuilder().setListServices("*").build())
                .getListServicesResponse().getServiceList()).extracting(ServiceResponse::getName)
                .contains("dispatch.payment.v1.PaymentService");
    }

    @Test
    void describesAService() throws InvalidProtocolBufferException {
        FileDescriptorProto file = FileDescriptorProto.parseFrom(ask(ServerReflectionRequest.newBuilder()
                .setFileContainingSymbol("dispatch.payment.v1.PaymentService").build()).getFileDescriptorResponse().getFileDescriptorProto(0));

        assertThat(file.getName()).isEqualTo("payment.proto");
        assertThat(file.getService(0).getMethodList()).extracting(MethodDescriptorProto::getName).contains("Authorize", "Refund", "GetPayment", "ListPayments");
    }

    private ServerReflectionResponse ask(ServerReflectionRequest request) {
        ManagedChannel channel = ManagedChannelBuilder.forAddress(app.getHost(), app.getPort()).usePlaintext().build();
        try {
            List<ServerReflectionResponse> answers = MutinyServerReflectionGrpc.newMutinyStub(channel)
                    .serverReflectionInfo(Multi.createFrom().item(request))
                    .collect().asList().await().atMost(Duration.ofSeconds(15));
            assertThat(answers).hasSize(1);
            assertThat(answers.get(0).hasErrorResponse()).as(answers.get(0).getErrorResponse().getErrorMessage()).isFalse();
            return answers.get(0);
        } finally {
            channel.shutdownNow();
        }
    }
}
