package dev.dispatch.order.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
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

/**
 * Server reflection on the HTTP port, as grpcurl and grpcui use it: {@code grpcurl -plaintext 127.0.0.1:8081 list}
 * (v1, and v1alpha that older tools ask first) and {@code describe} (the file that defines a symbol).
 */
@QuarkusTest
class ReflectionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @TestHTTPResource("/")
    URL app;

    @Test
    void listsOrderService() {
        assertThat(ask(ServerReflectionRequest.newBuilder().setListServices("*").build())
                .getListServicesResponse().getServiceList()).extracting(ServiceResponse::getName)
                .contains("dispatch.order.v1.OrderService");
    }

    @Test
    void describesOrderServiceWithTheFilesItImports() throws InvalidProtocolBufferException {
        List<ByteString> files = ask(ServerReflectionRequest.newBuilder()
                .setFileContainingSymbol("dispatch.order.v1.OrderService").build())
                .getFileDescriptorResponse().getFileDescriptorProtoList();

        FileDescriptorProto order = FileDescriptorProto.parseFrom(files.get(0));
        assertThat(order.getName()).isEqualTo("order.proto");
        assertThat(order.getService(0).getMethodList()).extracting(m -> m.getName())
                .contains("PlaceOrder", "GetOrder", "ListOrders", "CancelOrder", "DispatchOrder", "WatchOrder");
        // with every file it imports, so that grpcurl can build the messages without asking again
        assertThat(order.getDependencyList()).containsExactlyInAnyOrder("google/protobuf/timestamp.proto", "money.proto");
        List<String> names = new java.util.ArrayList<>();
        for (ByteString file : files) {
            names.add(FileDescriptorProto.parseFrom(file).getName());
        }
        assertThat(names).containsExactlyInAnyOrder("order.proto", "google/protobuf/timestamp.proto", "money.proto");
    }

    @Test
    void theOlderV1alphaProtocolListsItToo() {
        ManagedChannel channel = channel();
        try {
            var answers = grpc.reflection.v1alpha.MutinyServerReflectionGrpc.newMutinyStub(channel)
                    .serverReflectionInfo(Multi.createFrom().item(
                            grpc.reflection.v1alpha.Reflection.ServerReflectionRequest.newBuilder().setListServices("*").build()))
                    .collect().asList().await().atMost(TIMEOUT);
            assertThat(answers.get(0).getListServicesResponse().getServiceList())
                    .extracting(grpc.reflection.v1alpha.Reflection.ServiceResponse::getName).contains("dispatch.order.v1.OrderService");
        } finally {
            channel.shutdownNow();
        }
    }

    private ServerReflectionResponse ask(ServerReflectionRequest request) {
        ManagedChannel channel = channel();
        try {
            List<ServerReflectionResponse> answers = MutinyServerReflectionGrpc.newMutinyStub(channel)
                    .serverReflectionInfo(Multi.createFrom().item(request))
                    .collect().asList().await().atMost(TIMEOUT);
            assertThat(answers).hasSize(1);
            assertThat(answers.get(0).hasErrorResponse()).as(answers.get(0).getErrorResponse().getErrorMessage()).isFalse();
            return answers.get(0);
        } finally {
            channel.shutdownNow();
        }
    }

    private ManagedChannel channel() {
        return ManagedChannelBuilder.forAddress(app.getHost(), app.getPort()).usePlaintext().build();
    }
}
