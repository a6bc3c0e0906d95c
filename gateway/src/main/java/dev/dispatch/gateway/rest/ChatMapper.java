package dev.dispatch.gateway.rest;

import static dev.dispatch.gateway.backend.Timestamps.emptyToNull;
import static dev.dispatch.gateway.backend.Timestamps.orNull;

import java.util.List;

import dev.dispatch.gateway.rest.dto.ChatRoomList;
import dev.dispatch.gateway.rest.dto.ChatRoomResponse;
import dev.dispatch.gateway.rest.dto.ChatSessionResponse;
import dev.dispatch.proto.chat.v1.ChatRoom;
import dev.dispatch.proto.chat.v1.ChatSession;
import dev.dispatch.proto.chat.v1.ListChatRoomsResponse;

/** From ChatService's messages to the REST records. */
public final class ChatMapper {

    private ChatMapper() {
    }

    public static ChatSessionResponse toRest(ChatSession s) {
        return new ChatSessionResponse(s.getJid(), s.getPassword(), orNull(s.hasExpiresAt(), s.getExpiresAt()), s.getXmppHost(),
                s.getXmppPort(), s.getWebsocketUrl(), s.getRoomDomain(), rooms(s.getRoomsList()));
    }

    public static ChatRoomList toRest(ListChatRoomsResponse rooms) {
        return new ChatRoomList(rooms(rooms.getRoomsList()));
    }

    private static List<ChatRoomResponse> rooms(List<ChatRoom> rooms) {
        return rooms.stream().map(r -> new ChatRoomResponse(r.getOrderId(), r.getJid(), r.getOpen(), emptyToNull(r.getCustomerId()),
                emptyToNull(r.getCourierDeviceId()), orNull(r.hasOpenedAt(), r.getOpenedAt()))).toList();
    }
}
