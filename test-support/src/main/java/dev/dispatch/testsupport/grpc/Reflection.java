package dev.dispatch.testsupport.grpc;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.InvalidProtocolBufferException;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.reflection.v1.MutinyServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.smallrye.mutiny.Multi;

/**
 * Asks a test app's gRPC server reflection what grpcurl and grpcui ask: the services ({@code list}, over v1 and the
 * older v1alpha that some tools try first) and the files that define a symbol ({@code describe}).
 */
public final class Reflection {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private Reflection() {
    }

    /** The services the server lists over reflection v1. */
    public static List<String> services(URL app) {
        return ask(app, ServerReflectionRequest.newBuilder().setListServices("*").build())
                .getListServicesResponse().getServiceList().stream().map(ServiceResponse::getName).toList();
    }

    /** The services the server lists over the older v1alpha protocol. */
    public static List<String> servicesOverV1alpha(URL app) {
        ManagedChannel channel = channel(app);
        try {
            var answers = grpc.reflection.v1alpha.MutinyServerReflectionGrpc.newMutinyStub(channel)
                    .serverReflectionInfo(Multi.createFrom().item(
                            grpc.reflection.v1alpha.Reflection.ServerReflectionRequest.newBuilder().setListServices("*").build()))
                    .collect().asList().await().atMost(TIMEOUT);
            return answers.get(0).getListServicesResponse().getServiceList().stream()
                    .map(grpc.reflection.v1alpha.Reflection.ServiceResponse::getName).toList();
        } finally {
            channel.shutdownNow();
        }
    }

    /** The file that defines the symbol first, then every file it imports (what grpcurl needs to build messages). */
    public static List<FileDescriptorProto> filesDefining(URL app, String symbol) {
        List<FileDescriptorProto> files = new ArrayList<>();
        for (ByteString file : ask(app, ServerReflectionRequest.newBuilder().setFileContainingSymbol(symbol).build())
                .getFileDescriptorResponse().getFileDescriptorProtoList()) {
            try {
                files.add(FileDescriptorProto.parseFrom(file));
            } catch (InvalidProtocolBufferException e) {
                throw new AssertionError("reflection sent a file descriptor that does not parse", e);
            }
        }
        return files;
    }

    private static ServerReflectionResponse ask(URL app, ServerReflectionRequest request) {
        ManagedChannel channel = channel(app);
        try {
            List<ServerReflectionResponse> answers = MutinyServerReflectionGrpc.newMutinyStub(channel)
                    .serverReflectionInfo(Multi.createFrom().item(request))
                    .collect().asList().await().atMost(TIMEOUT);
            if (answers.size() != 1 || answers.get(0).hasErrorResponse()) {
                throw new AssertionError("reflection answered " + answers);
            }
            return answers.get(0);
        } finally {
            channel.shutdownNow();
        }
    }

    private static ManagedChannel channel(URL app) {
        return ManagedChannelBuilder.forAddress(app.getHost(), app.getPort()).usePlaintext().build();
    }
}
