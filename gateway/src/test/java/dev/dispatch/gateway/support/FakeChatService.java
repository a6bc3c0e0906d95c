package dev.dispatch.gateway.support;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.google.protobuf.Timestamp;

import dev.dispatch.platform.grpc.InternalAuthentication;
import dev.dispatch.platform.identity.CallerIdentity;
import dev.dispatch.proto.chat.v1.ChatRoom;
import dev.dispatch.proto.chat.v1.ChatService;
import dev.dispatch.proto.chat.v1.ChatSession;
import dev.dispatch.proto.chat.v1.ListChatRoomsRequest;
import dev.dispatch.proto.chat.v1.ListChatRoomsResponse;
import dev.dispatch.proto.chat.v1.OpenChatSessionRequest;
import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;

/**
 * A ChatService with the status codes of notification-service's, served by the test app like {@link FakeOrderService}:
 * every user has one room, of order {@link #ORDER_ID}. It keeps every request, so that tests can see who the gateway
 * said was calling. The user ids {@link #UNAVAILABLE_USER} and {@link #REFUSED_USER} make calls fail (UNAVAILABLE, as
 * while Prosody cannot be reached, and INVALID_ARGUMENT, as for an id that cannot be an XMPP address).
 */
@GrpcService
public class FakeChatService implements ChatService {

    public static final String UNAVAILABLE_USER = "xmpp-down-503";
    public static final String REFUSED_USER = "not@an-xmpp-user";
    public static final String ORDER_ID = "0b9a4f7e-3c2d-4e5f-8a9b-1c2d3e4f5a6b";
    public static final String DOMAIN = "dispatch.local";
    public static final String ROOMS = "rooms.dispatch.local";

    private final List<CallerIdentity> opened = new CopyOnWriteArrayList<>();
    private final List<CallerIdentity> listed = new CopyOnWriteArrayList<>();

    @Override
    public Uni<ChatSession> openChatSession(OpenChatSessionRequest request) {
        CallerIdentity caller = InternalAuthentication.caller();
        opened.add(caller);
        Status refusal = refusal(caller.subject());
        if (refusal != null) {
            return Uni.createFrom().failure(refusal.asRuntimeException());
        }
        return Uni.createFrom().item(ChatSession.newBuilder()
                .setJid(caller.subject() + "@" + DOMAIN)
                .setPassword(UUID.randomUUID().toString())
                .setExpiresAt(timestamp(Instant.now().plusSeconds(600)))
                .setXmppHost("localhost").setXmppPort(5222).setWebsocketUrl("ws://localhost:5280/xmpp-websocket")
                .setRoomDomain(ROOMS)
                .addAllRooms(rooms(caller.subject()))
                .build());
    }

    @Override
    public Uni<ListChatRoomsResponse> listChatRooms(ListChatRoomsRequest request) {
        CallerIdentity caller = InternalAuthentication.caller();
        listed.add(caller);
        Status refusal = refusal(caller.subject());
        if (refusal != null) {
            return Uni.createFrom().failure(refusal.asRuntimeException());
        }
        return Uni.createFrom().item(ListChatRoomsResponse.newBuilder().addAllRooms(rooms(caller.subject())).build());
    }

    /** Who the OpenChatSession calls that reached it were for (their internal tokens), oldest first. */
    public List<CallerIdentity> opened() {
        return opened;
    }

    public List<CallerIdentity> listed() {
        return listed;
    }

    private static Status refusal(String userId) {
        if (UNAVAILABLE_USER.equals(userId)) {
            return Status.UNAVAILABLE.withDescription("the XMPP server cannot be reached");
        }
        if (REFUSED_USER.equals(userId) || userId.isEmpty()) {
            return Status.INVALID_ARGUMENT.withDescription("user_id: not a possible XMPP user");
        }
        return null;
    }

    private static List<ChatRoom> rooms(String userId) {
        return List.of(ChatRoom.newBuilder().setOrderId(ORDER_ID).setJid("order-" + ORDER_ID + "@" + ROOMS).setOpen(true)
                .setCustomerId("alice").setCourierDeviceId("courier-7").setOpenedAt(timestamp(Instant.parse("2026-11-25T10:05:00Z")))
                .build());
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
