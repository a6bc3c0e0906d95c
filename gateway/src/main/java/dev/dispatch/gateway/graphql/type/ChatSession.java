package dev.dispatch.gateway.graphql.type;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("ChatSession")
@Description("The caller's XMPP account and a fresh password that signs in until expiresAt (SCRAM-SHA-1); shown only here.")
public record ChatSession(
        @NonNull @Description("The caller's bare XMPP address.") String jid,
        @NonNull String password,
        @NonNull Instant expiresAt,
        @NonNull @Description("Client-to-server TCP (XMPP, RFC 6120).") String xmppHost,
        int xmppPort,
        @NonNull @Description("XMPP over WebSocket (RFC 7395), for browsers.") String websocketUrl,
        @NonNull @Description("The multi-user chat service the order rooms live on.") String roomDomain,
        @NonNull List<@NonNull ChatRoom> rooms) {
}
