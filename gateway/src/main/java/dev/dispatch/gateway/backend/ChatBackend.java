package dev.dispatch.gateway.backend;

import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;

import dev.dispatch.gateway.config.GatewayConfig;
import dev.dispatch.proto.chat.v1.ChatRole;
import dev.dispatch.proto.chat.v1.ChatSession;
import dev.dispatch.proto.chat.v1.ListChatRoomsRequest;
import dev.dispatch.proto.chat.v1.ListChatRoomsResponse;
import dev.dispatch.proto.chat.v1.MutinyChatServiceGrpc.MutinyChatServiceStub;
import dev.dispatch.proto.chat.v1.OpenChatSessionRequest;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.faulttolerance.api.RetryWhen;
import io.smallrye.mutiny.Uni;

/**
 * The gateway's calls to notification-service's ChatService, with the rules of {@link OrderBackend}: a deadline per
 * call, retried while it is unavailable. Opening a session again is harmless (it only issues another fresh password,
 * and the last one given is the one the caller gets), so both calls are retried.
 */
@ApplicationScoped
public class ChatBackend {

    @GrpcClient("chat")
    MutinyChatServiceStub chat;

    private final GatewayConfig config;

    ChatBackend(GatewayConfig config) {
        this.config = config;
    }

    @Retry(maxRetries = 2, delay = 100, jitter = 50)
    @RetryWhen(exception = WasUnavailable.class)
    public Uni<ChatSession> open(String userId, ChatRole role) {
        return call(stub -> stub.openChatSession(OpenChatSessionRequest.newBuilder().setUserId(userId).setRole(role).build()));
    }

    @Retry(maxRetries = 2, delay = 100, jitter = 50)
    @RetryWhen(exception = WasUnavailable.class)
    public Uni<ListChatRoomsResponse> rooms(String userId, ChatRole role) {
        return call(stub -> stub.listChatRooms(ListChatRoomsRequest.newBuilder().setUserId(userId).setRole(role).build()));
    }

    private <T> Uni<T> call(Function<MutinyChatServiceStub, Uni<T>> rpc) {
        return Uni.createFrom()
                .deferred(() -> rpc.apply(chat.withDeadlineAfter(config.chatDeadline().toMillis(), TimeUnit.MILLISECONDS)))
                .onFailure().transform(e -> BackendException.tag(Backend.CHAT, e));
    }
}
