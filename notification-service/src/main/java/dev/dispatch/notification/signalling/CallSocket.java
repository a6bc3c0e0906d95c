package dev.dispatch.notification.signalling;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dispatch.notification.config.ClientMessageLimit;
import dev.dispatch.notification.model.ClientSignal;
import dev.dispatch.notification.service.CallPeer;
import dev.dispatch.notification.service.Calls;
import dev.dispatch.notification.service.Parties;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;

/**
 * The calls' signalling WebSocket: relays WebRTC offers, answers and ICE candidates between the two parties of a call,
 * which may be connected to different replicas; the media itself goes browser to browser. The upgrade needs a
 * customer's, courier's or operator's JWT (header or {@code ?access_token=}). A message the server cannot act on gets
 * an {@code error} and the socket stays open; one over 16 KiB closes it (1009). The protocol is in the README.
 */
@WebSocket(path = "/ws/calls")
@RolesAllowed({ "customer", "courier", "operator" })
public class CallSocket {

    private static final Logger LOG = Logger.getLogger(CallSocket.class);
    private static final UserData.TypedKey<CallPeer> PEER = new UserData.TypedKey<>("call-peer");
    /** The client does not read what it is sent (RFC 6455 leaves 4000-4999 to applications; the same code as /ws/notifications). */
    static final CloseReason SLOW_CONSUMER = new CloseReason(4008, "slow consumer: outgoing queue overflowed");

    private final SecurityIdentity identity;
    private final Calls calls;
    private final ObjectMapper mapper;
    private final ClientMessageLimit limit;

    public CallSocket(SecurityIdentity identity, Calls calls, ObjectMapper mapper, ClientMessageLimit limit) {
        this.identity = identity;
        this.calls = calls;
        this.mapper = mapper;
        this.limit = limit;
    }

    @OnOpen
    @NonBlocking
    public void onOpen(WebSocketConnection connection) {
        CallPeer peer = calls.connected(connection.id(), Parties.of(identity), new CallPeer.Sink() {
            @Override
            public Uni<Void> send(String text) {
                return connection.isClosed() ? Uni.createFrom().voidItem() : connection.sendText(text);
            }

            @Override
            public void overflowed() {
                LOG.infof("closing a call connection of %s with 4008: it does not read its messages", connection.id());
                connection.close(SLOW_CONSUMER).subscribe().with(ok -> { }, ignored -> { });
            }
        });
        connection.userData().put(PEER, peer);
    }

    @OnTextMessage
    public Uni<Void> onMessage(WebSocketConnection connection, String text) {
        CallPeer peer = connection.userData().get(PEER);
        ClientSignal signal;
        try {
            signal = SignalMessages.parse(mapper, text);
        } catch (SignalMessages.BadSignal bad) {
            return calls.malformed(peer, bad.getMessage());
        }
        return calls.received(peer, signal);
    }

    @OnClose
    @NonBlocking
    public void onClose(WebSocketConnection connection) {
        CallPeer peer = connection.userData().get(PEER);
        if (peer != null) {
            calls.disconnected(peer).subscribe().with(ok -> { }, ignored -> { });
        }
    }

    // A message over the limit never reaches onMessage: Vert.x drops it and reports it here (ClientMessageLimit).
    @OnError
    public Uni<Void> onError(WebSocketConnection connection, Throwable failure) {
        if (ClientMessageLimit.exceeded(failure)) {
            CallPeer peer = connection.userData().get(PEER);
            LOG.infof("closing a call connection of %s with 1009: it sent a message over %d bytes",
                    peer == null ? connection.id() : peer.party().id(), limit.maxBytes());
            return connection.close(limit.tooBig());
        }
        LOG.debugf("call WebSocket %s: %s", connection.id(), failure.toString());
        return Uni.createFrom().voidItem();
    }
}
