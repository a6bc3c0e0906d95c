package dev.dispatch.notification.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.google.rpc.BadRequest;

import dev.dispatch.proto.chat.v1.ChatServiceGrpc;
import dev.dispatch.proto.chat.v1.ListChatRoomsRequest;
import dev.dispatch.proto.chat.v1.OpenChatSessionRequest;
import dev.dispatch.testsupport.internal.InternalCallers;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;

/**
 * ChatService's refusals of a verified caller: a user id (the token's subject) that cannot be an XMPP address, the bot's
 * own name. Callers without a valid token, or acting for no user: {@link ChatServiceAuthenticationTest}.
 */
@QuarkusTest
class ChatServiceErrorsTest {

    @GrpcClient("chat")
    ChatServiceGrpc.ChatServiceBlockingStub chat;

    @ParameterizedTest
    @ValueSource(strings = {"", "Alice", "alice@evil", "al ice", "-alice", "dispatch-bot", "älice"})
    void aUserIdThatCannotBeAnXmppAddressIsInvalidArgument(String userId) {
        var asUser = InternalCallers.as(chat, InternalCallers.customer(userId, "notification-service"));
        assertThatThrownBy(() -> asUser.openChatSession(OpenChatSessionRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(badRequestFields(e)).containsExactly("user_id");
                });
        assertThatThrownBy(() -> asUser.listChatRooms(ListChatRoomsRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }

    private static java.util.List<String> badRequestFields(StatusRuntimeException e) {
        try {
            return StatusProto.fromThrowable(e).getDetails(0).unpack(BadRequest.class).getFieldViolationsList().stream()
                    .map(BadRequest.FieldViolation::getField).toList();
        } catch (com.google.protobuf.InvalidProtocolBufferException notABadRequest) {
            throw new AssertionError(notABadRequest);
        }
    }
}
