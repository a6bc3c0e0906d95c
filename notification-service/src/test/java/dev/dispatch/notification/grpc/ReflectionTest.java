package dev.dispatch.notification.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;

import dev.dispatch.testsupport.grpc.Reflection;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Server reflection on the HTTP port, as grpcurl and grpcui use it: {@code grpcurl -plaintext 127.0.0.1:8083 list}
 * (v1, and v1alpha that older tools ask first) and {@code describe} (the file that defines a symbol, with the files it
 * imports). It needs no internal token: it tells only the public contract of proto/.
 */
@QuarkusTest
class ReflectionTest {

    @TestHTTPResource("/")
    URL app;

    @Test
    void listsTheServices() {
        assertThat(Reflection.services(app)).contains("dispatch.chat.v1.ChatService");
        assertThat(Reflection.servicesOverV1alpha(app)).contains("dispatch.chat.v1.ChatService");
    }

    @Test
    void describesAServiceWithTheFilesItImports() {
        List<FileDescriptorProto> files = Reflection.filesDefining(app, "dispatch.chat.v1.ChatService");

        assertThat(files.get(0).getName()).isEqualTo("chat.proto");
        assertThat(files.get(0).getService(0).getMethodList()).extracting(MethodDescriptorProto::getName)
                .contains("OpenChatSession", "ListChatRooms");
        assertThat(files).extracting(FileDescriptorProto::getName).containsExactlyInAnyOrder("chat.proto", "google/protobuf/timestamp.proto");
    }
}
