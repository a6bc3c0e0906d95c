package dev.dispatch.gateway.backend;

import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;

import dev.dispatch.gateway.config.GatewayConfig;
import dev.dispatch.platform.grpc.BearerToken;
import dev.dispatch.platform.identity.CallerIdentity;
import dev.dispatch.platform.identity.InternalTokens;
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

    /** The service called: the audience of the tokens. */
    private static final String AUDIENCE = "notification-service";

    @GrpcClient("chat")
    MutinyChatServiceStub chat;

    private final GatewayConfig config;
    private final InternalTokens tokens;

    ChatBackend(GatewayConfig config, InternalTokens tokens) {
        this.config = config;
        this.tokens = tokens;
    }

    @Retry(maxRetries = 2, delay = 100, jitter = 50)
    @RetryWhen(exception = WasUnavailable.class)
    public Uni<ChatSession> open(CallerIdentity caller) {
        return call(caller, stub -> stub.openChatSession(OpenChatSessionRequest.getDefaultInstance()));
    }

    @Retry(maxRetries = 2, delay = 100, jitter = 50)
    @RetryWhen(exception = WasUnavailable.class)
    public Uni<ListChatRoomsResponse> rooms(CallerIdentity caller) {
        return call(caller, stub -> stub.listChatRooms(ListChatRoomsRequest.getDefaultInstance()));
    }

    private <T> Uni<T> call(CallerIdentity caller, Function<MutinyChatServiceStub, Uni<T>> rpc) {
        return Uni.createFrom()
                .deferred(() -> rpc.apply(as(caller).withDeadlineAfter(config.chatDeadline().toMillis(), TimeUnit.MILLISECONDS)))
                .onFailure().transform(e -> BackendException.tag(Backend.CHAT, e));
    }

    /** The stub, sending the internal token that says who the gateway calls for (README "Security model"). */
    private MutinyChatServiceStub as(CallerIdentity caller) {
        return chat.withCallCredentials(new BearerToken(tokens.forUser(caller, AUDIENCE)));
    }
}
