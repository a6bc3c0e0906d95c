package dev.dispatch.notification.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.dispatch.notification.support.Ids;
import dev.dispatch.proto.chat.v1.ChatServiceGrpc;
import dev.dispatch.proto.chat.v1.ChatSession;
import dev.dispatch.proto.chat.v1.ListChatRoomsRequest;
import dev.dispatch.proto.chat.v1.OpenChatSessionRequest;
import dev.dispatch.testsupport.internal.GrpcAuthChecks;
import dev.dispatch.testsupport.internal.InternalCallers;
import dev.dispatch.testsupport.xmpp.ProsodyTestResource;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every ChatService method, called as any client could call it: without a valid internal token it is UNAUTHENTICATED
 * before it runs, a service acting as itself (no user, so no chat) is PERMISSION_DENIED, and a user the gateway speaks
 * for gets their own session and rooms, whatever the request says.
 */
@QuarkusTest
class ChatServiceAuthenticationTest {

    private static final String AUDIENCE = "notification-service";

    @TestHTTPResource("/")
    URL app;

    @GrpcClient("chat")
    ChatServiceGrpc.ChatServiceBlockingStub chat;

    private ManagedChannel channel;

    @BeforeEach
    void connect() {
        channel = ManagedChannelBuilder.forAddress(app.getHost(), app.getPort()).usePlaintext().build();
    }

    @AfterEach
    void disconnect() {
        channel.shutdownNow();
    }

    static Stream<Named<Metadata>> badCredentials() {
        return Stream.of(
                Named.of("no token", new Metadata()),
                Named.of("not a JWT", InternalCallers.headers("not-a-token")),
                Named.of("expired", InternalCallers.headers(InternalCallers.expired(AUDIENCE))),
                Named.of("forged", InternalCallers.headers(InternalCallers.forged(AUDIENCE))),
                Named.of("for another service", InternalCallers.headers(InternalCallers.forAnotherService(AUDIENCE))),
                Named.of("untrusted issuer", InternalCallers.headers(InternalCallers.untrustedIssuer(AUDIENCE))),
                Named.of("a service speaking for a user", InternalCallers.headers(InternalCallers.serviceSpeakingForAUser(AUDIENCE))));
    }

    @ParameterizedTest
    @MethodSource("badCredentials")
    void everyMethodRefusesACallerWithoutAValidTokenAsUnauthenticated(Metadata headers) {
        assertThat(GrpcAuthChecks.callEveryMethod(channel, ChatServiceGrpc.getServiceDescriptor(), headers))
                .isEqualTo(everyMethod(Status.Code.UNAUTHENTICATED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"order-service", "gateway"})
    void everyMethodRefusesAServiceActingAsItselfAsPermissionDenied(String service) {
        assertThat(GrpcAuthChecks.callEveryMethod(channel, ChatServiceGrpc.getServiceDescriptor(),
                InternalCallers.headers(InternalCallers.service(service, AUDIENCE))))
                .isEqualTo(everyMethod(Status.Code.PERMISSION_DENIED));
    }

    @Test
    void aCustomerTheGatewaySpeaksForGetsTheirOwnSessionAndRooms() {
        String alice = Ids.customer();
        var asAlice = InternalCallers.as(chat, InternalCallers.customer(alice, AUDIENCE));

        ChatSession session = asAlice.openChatSession(OpenChatSessionRequest.getDefaultInstance());

        assertThat(session.getJid()).isEqualTo(alice + "@" + ProsodyTestResource.prosody().domain());
        assertThat(session.getPassword()).isNotEmpty();
        assertThat(session.getRoomsList()).isEmpty();
        assertThat(asAlice.listChatRooms(ListChatRoomsRequest.getDefaultInstance()).getRoomsList()).isEmpty();
    }

    @Test
    void aCourierAndAnOperatorTheGatewaySpeaksForAreServedToo() {
        String device = "courier-" + UUID.randomUUID().toString().substring(0, 8);
        String operator = Ids.operator();
        String domain = ProsodyTestResource.prosody().domain();

        assertThat(GrpcAuthChecks.callEveryMethod(channel, ChatServiceGrpc.getServiceDescriptor(),
                InternalCallers.headers(InternalCallers.courier(device, AUDIENCE)))).isEqualTo(everyMethod(Status.Code.OK));
        assertThat(InternalCallers.as(chat, InternalCallers.courier(device, AUDIENCE))
                .openChatSession(OpenChatSessionRequest.getDefaultInstance()).getJid()).isEqualTo(device + "@" + domain);
        assertThat(GrpcAuthChecks.callEveryMethod(channel, ChatServiceGrpc.getServiceDescriptor(),
                InternalCallers.headers(InternalCallers.operator(operator, AUDIENCE)))).isEqualTo(everyMethod(Status.Code.OK));
    }

    /** Each method of ChatService, now and later, answering {@code code}. */
    private static Map<String, Status.Code> everyMethod(Status.Code code) {
        Map<String, Status.Code> expected = ChatServiceGrpc.getServiceDescriptor().getMethods().stream()
                .collect(Collectors.toMap(MethodDescriptor::getBareMethodName, m -> code));
        assertThat(expected).containsKeys("OpenChatSession", "ListChatRooms");
        return expected;
    }
}
