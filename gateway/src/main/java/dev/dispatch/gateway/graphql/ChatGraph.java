package dev.dispatch.gateway.graphql;

import static dev.dispatch.gateway.backend.Timestamps.emptyToNull;
import static dev.dispatch.gateway.backend.Timestamps.orNull;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import dev.dispatch.gateway.backend.ChatBackend;
import dev.dispatch.gateway.graphql.type.ChatRoom;
import dev.dispatch.gateway.graphql.type.ChatSession;
import io.smallrye.mutiny.Uni;

/** Chat over GraphQL, as /api/chat: the caller (user id and role) comes from the token only. */
@GraphQLApi
public class ChatGraph {

    private final ChatBackend chat;
    private final Callers callers;

    ChatGraph(ChatBackend chat, Callers callers) {
        this.chat = chat;
        this.callers = callers;
    }

    @Mutation
    @Description("Customers, couriers and operators. As POST /api/chat/session: the caller's XMPP account and a fresh password.")
    public Uni<ChatSession> openChatSession() {
        return callers.chatUser().chain(user -> chat.open(user)).map(ChatGraph::toGraphQL);
    }

    @Query
    @Description("Customers, couriers and operators. The order rooms the caller is a member of (operators: every room), newest first.")
    public Uni<List<@NonNull ChatRoom>> chatRooms() {
        return callers.chatUser().chain(user -> chat.rooms(user)).map(rooms -> toGraphQL(rooms.getRoomsList()));
    }

    static ChatSession toGraphQL(dev.dispatch.proto.chat.v1.ChatSession s) {
        return new ChatSession(s.getJid(), s.getPassword(), orNull(s.hasExpiresAt(), s.getExpiresAt()), s.getXmppHost(), s.getXmppPort(),
                s.getWebsocketUrl(), s.getRoomDomain(), toGraphQL(s.getRoomsList()));
    }

    static List<ChatRoom> toGraphQL(List<dev.dispatch.proto.chat.v1.ChatRoom> rooms) {
        return rooms.stream().map(r -> new ChatRoom(r.getOrderId(), r.getJid(), r.getOpen(), emptyToNull(r.getCustomerId()),
                emptyToNull(r.getCourierDeviceId()), orNull(r.hasOpenedAt(), r.getOpenedAt()))).toList();
    }
}
