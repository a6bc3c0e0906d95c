package dev.dispatch.notification.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.dispatch.notification.support.Ids;
import dev.dispatch.proto.chat.v1.ChatServiceGrpc;
import dev.dispatch.proto.chat.v1.ChatSession;
import dev.dispatch.proto.chat.v1.ListChatRoomsRequest;
import dev.dispatch.proto.chat.v1.OpenChatSessionRequest;
import dev.dispatch.testsupport.internal.BadToken;
import dev.dispatch.testsupport.internal.GrpcAuthChecks;
import dev.dispatch.testsupport.internal.InternalCallers;
import dev.dispatch.testsupport.xmpp.ProsodyTestResource;
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




    @ParameterizedTest
    @EnumSource(BadToken.class)
    void everyMethodRefusesACallerWithoutAValidTokenAsUnauthenticated(BadToken token) {
        assertThat(GrpcAuthChecks.callEveryMethod(app, ChatServiceGrpc.getServiceDescriptor(), token.headers(AUDIENCE)))
                .isEqualTo(everyMethod(Status.Code.UNAUTHENTICATED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"order-service", "gateway"})
    void everyMethodRefusesAServiceActingAsItselfAsPermissionDenied(String service) {
        assertThat(GrpcAuthChecks.callEveryMethod(app, ChatServiceGrpc.getServiceDescriptor(),
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

        assertThat(GrpcAuthChecks.callEveryMethod(app, ChatServiceGrpc.getServiceDescriptor(),
                InternalCallers.headers(InternalCallers.courier(device, AUDIENCE)))).isEqualTo(everyMethod(Status.Code.OK));
        assertThat(InternalCallers.as(chat, InternalCallers.courier(device, AUDIENCE))
                .openChatSession(OpenChatSessionRequest.getDefaultInstance()).getJid()).isEqualTo(device + "@" + domain);
        assertThat(GrpcAuthChecks.callEveryMethod(app, ChatServiceGrpc.getServiceDescriptor(),
                InternalCallers.headers(InternalCallers.operator(operator, AUDIENCE)))).isEqualTo(everyMethod(Status.Code.OK));
    }

    /** Each method of ChatService, now and later, answering {@code code}. */
    private static Map<String, Status.Code> everyMethod(Status.Code code) {
        return GrpcAuthChecks.everyMethod(ChatServiceGrpc.getServiceDescriptor(), code);
    }
}
