package dev.dispatch.gateway.rest.dto;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where and as whom the caller signs in to the XMPP server, with a fresh short-lived password. */
@Schema(name = "ChatSession", description = "The caller's XMPP account on the chat server and a fresh password that signs in "
        + "until expiresAt (SCRAM-SHA-1; a session already open stays open). Every call gives a new password; it is shown "
        + "only here and never stored by Dispatch.")
public record ChatSessionResponse(
        @Schema(description = "The caller's bare XMPP address.", example = "alice@dispatch.local", required = true)
        String jid,
        @Schema(description = "Signs in until expiresAt.", required = true)
        String password,
        @Schema(required = true)
        Instant expiresAt,
        @Schema(description = "Client-to-server TCP (XMPP, RFC 6120).", example = "localhost", required = true)
        String xmppHost,
        @Schema(example = "5222", required = true)
        int xmppPort,
        @Schema(description = "XMPP over WebSocket (RFC 7395), for browsers.", example = "ws://localhost:5280/xmpp-websocket",
                required = true)
        String websocketUrl,
        @Schema(description = "The multi-user chat service the order rooms live on.", example = "rooms.dispatch.local", required = true)
        String roomDomain,
        @Schema(description = "The order rooms the caller is a member of.", required = true)
        List<ChatRoomResponse> rooms) {
}
