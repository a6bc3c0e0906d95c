package dev.dispatch.notification.grpc;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import com.google.protobuf.Timestamp;

import dev.dispatch.notification.config.XmppConfig;
import dev.dispatch.notification.model.ChatRole;
import dev.dispatch.notification.model.ChatRoom;
import dev.dispatch.notification.service.ChatCredentials;
import dev.dispatch.notification.xmpp.XmppRefused;
import dev.dispatch.notification.xmpp.XmppUnavailable;
import dev.dispatch.platform.grpc.FieldViolation;
import dev.dispatch.platform.grpc.GrpcFailures;
import dev.dispatch.platform.grpc.InternalAuthentication;
import dev.dispatch.platform.identity.CallerIdentity;
import dev.dispatch.proto.chat.v1.ChatService;
import dev.dispatch.proto.chat.v1.ChatSession;
import dev.dispatch.proto.chat.v1.ListChatRoomsRequest;
import dev.dispatch.proto.chat.v1.ListChatRoomsResponse;
import dev.dispatch.proto.chat.v1.OpenChatSessionRequest;
import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;

/**
 * ChatService (proto/chat.proto) for the gateway: the user and their role come from the verified internal token
 * ({@link Authentication}), never from the request. A service acting as itself has no chat, PERMISSION_DENIED; a user id
 * that cannot be an XMPP address INVALID_ARGUMENT; XMPP off or its server away UNAVAILABLE.
 */
@GrpcService
public class ChatGrpcService implements ChatService {

    private final ChatCredentials credentials;
    private final XmppConfig config;

    ChatGrpcService(ChatCredentials credentials, XmppConfig config) {
        this.credentials = credentials;
        this.config = config;
    }

    @Override
    public Uni<ChatSession> openChatSession(OpenChatSessionRequest request) {
        CallerIdentity caller = InternalAuthentication.caller();
        return call(() -> {
            ChatRole role = role(caller);
            if (!config.enabled()) {
                throw new XmppUnavailable("XMPP is off");
            }
            return credentials.open(caller.subject(), role).map(session -> ChatSession.newBuilder()
                    .setJid(session.jid())
                    .setPassword(session.password())
                    .setExpiresAt(timestamp(session.expiresAt()))
                    .setXmppHost(config.publicHost().orElse(config.host()))
                    .setXmppPort(config.publicPort().orElse(config.c2sPort()))
                    .setWebsocketUrl(config.websocketUrl().orElse(
                            "ws://" + config.publicHost().orElse(config.host()) + ":" + config.httpPort() + "/xmpp-websocket"))
                    .setRoomDomain(config.roomDomain())
                    .addAllRooms(rooms(session.rooms()))
                    .build());
        });
    }

    @Override
    public Uni<ListChatRoomsResponse> listChatRooms(ListChatRoomsRequest request) {
        CallerIdentity caller = InternalAuthentication.caller();
        return call(() -> credentials.rooms(caller.subject(), role(caller))
                .map(rooms -> ListChatRoomsResponse.newBuilder().addAllRooms(rooms(rooms)).build()));
    }

    private List<dev.dispatch.proto.chat.v1.ChatRoom> rooms(List<ChatRoom> rooms) {
        return rooms.stream().map(room -> dev.dispatch.proto.chat.v1.ChatRoom.newBuilder()
                .setOrderId(room.orderId())
                .setJid(room.localpart() + "@" + config.roomDomain())
                .setOpen(room.open())
                .setCustomerId(room.customerId())
                .setCourierDeviceId(room.courierDeviceId())
                .setOpenedAt(timestamp(room.openedAt()))
                .build()).toList();
    }

    private static ChatRole role(CallerIdentity caller) {
        return switch (caller.role()) {
            case CUSTOMER -> ChatRole.CUSTOMER;
            case COURIER -> ChatRole.COURIER;
            case OPERATOR -> ChatRole.OPERATOR;
            // A chat is a person's: a service calling for no user has no account and no rooms.
            case SERVICE -> throw Status.PERMISSION_DENIED.withDescription("chat is for customers, couriers and operators")
                    .asRuntimeException();
        };
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    private static <T> Uni<T> call(Supplier<Uni<T>> body) {
        return Uni.createFrom().<T>deferred(body::get).onFailure().transform(ChatGrpcService::status);
    }

    private static Throwable status(Throwable failure) {
        if (failure instanceof ChatCredentials.InvalidUser invalid) {
            return GrpcFailures.invalidArgument(invalid.getMessage(), List.of(new FieldViolation("user_id", invalid.getMessage())));
        }
        if (failure instanceof XmppUnavailable) {
            return Status.UNAVAILABLE.withDescription("chat server unavailable, try again").asRuntimeException();
        }
        if (failure instanceof XmppRefused refused) {
            return GrpcFailures.internal("chat call (XMPP server refused: " + refused.getMessage() + ")", failure);
        }
        return GrpcFailures.unexpected("chat call", "chat store", failure);
    }
}
