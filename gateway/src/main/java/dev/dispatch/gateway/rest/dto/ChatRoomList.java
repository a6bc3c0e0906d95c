package dev.dispatch.gateway.rest.dto;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ChatRoomList", description = "The order rooms the caller is a member of (operators: every room), newest first.")
public record ChatRoomList(@Schema(required = true) List<ChatRoomResponse> rooms) {
}
