package dev.dispatch.notification.websocket;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dispatch.notification.config.ClientMessageLimit;
import dev.dispatch.notification.config.NotificationConfig;
import dev.dispatch.notification.model.Channel;
import dev.dispatch.notification.model.Notification;
import dev.dispatch.notification.model.Recipient;
import dev.dispatch.notification.repository.NotificationRepository;
import dev.dispatch.notification.repository.UnackedMarks;
import dev.dispatch.notification.service.ConnectionMetrics;
import dev.dispatch.notification.service.FeedNotStartedException;
import dev.dispatch.notification.service.LiveNotifications;
import dev.dispatch.notification.service.PushSpans;
import dev.dispatch.notification.service.Recipients;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.OnClose;
import io.smallrye.common.annotation.NonBlocking;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;

/**
 * The two-way live channel. The upgrade needs a customer's or operator's JWT (header or {@code ?access_token=});
 * without one it is refused with 401. The server sends {@code welcome}, then the notifications sent before and not
 * acknowledged, then live ones; the client acks them, follows single orders, pings. Every bad client message gets an
 * {@code error} and the connection stays open; one over 16 KiB closes it (1009). The protocol is in the README.
 */
@WebSocket(path = "/ws/notifications")
@RolesAllowed({ Recipient.CUSTOMER_ROLE, Recipient.OPERATOR_ROLE })
public class NotificationSocket {

    private static final Logger LOG = Logger.getLogger(NotificationSocket.class);
    private static final UserData.TypedKey<SocketSession> SESSION = new UserData.TypedKey<>("notification-session");
    static final int MAX_FOLLOWED_ORDERS = 100;

    private final SecurityIdentity identity;
    private final LiveNotifications live;
    private final UnackedMarks marks;
    private final NotificationRepository notifications;
    private final ServerMessages messages;
    private final ConnectionMetrics metrics;
    private final NotificationConfig config;
    private final ObjectMapper mapper;
    private final PushSpans spans;
    private final ClientMessageLimit limit;

    public NotificationSocket(SecurityIdentity identity, LiveNotifications live, UnackedMarks marks,
            NotificationRepository notifications, ServerMessages messages, ConnectionMetrics metrics, NotificationConfig config,
            ObjectMapper mapper, PushSpans spans, ClientMessageLimit limit) {
        this.identity = identity;
        this.live = live;
        this.marks = marks;
        this.notifications = notifications;
        this.messages = messages;
        this.metrics = metrics;
        this.config = config;
        this.mapper = mapper;
        this.spans = spans;
        this.limit = limit;
    }

    @OnOpen
    public Uni<Void> onOpen(WebSocketConnection connection) {
        Recipient recipient = Recipients.of(identity);
        SocketSession session = new SocketSession(connection, recipient, config.outgoingQueueSize());
        connection.userData().put(SESSION, session);
        metrics.opened(Channel.WEBSOCKET);
        // One notification at a time: the next is taken from the bounded queue only when this one is written.
        session.streaming(live.websocket(recipient, session::follows, () -> overflowed(session), session.serverSide())
                .onItem().call(n -> push(session, n))
                .subscribe().with(ignored -> { }, failure -> streamFailed(session, failure)));
        return Uni.createFrom().voidItem();
    }

    @OnTextMessage
    public Uni<Void> onMessage(WebSocketConnection connection, String text) {
        SocketSession session = connection.userData().get(SESSION);
        ClientMessage message;
        try {
            message = ClientMessages.parse(mapper, text);
        } catch (BadClientMessage bad) {
            return session.send(messages.error(bad.code(), bad.getMessage()));
        }
        return handle(session, message)
                .onFailure(BadClientMessage.class).recoverWithUni(bad -> session.send(
                        messages.error(((BadClientMessage) bad).code(), bad.getMessage())))
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("could not handle a %s message: %s", message.getClass().getSimpleName(), failure.getMessage());
                    return session.send(messages.error("unavailable", "Could not do that now; try again"));
                });
    }

    @OnClose
    @NonBlocking
    public void onClose(WebSocketConnection connection) {
        SocketSession session = connection.userData().get(SESSION);
        if (session != null) {
            session.closed();
            metrics.closed(Channel.WEBSOCKET);
        }
    }

    // A message over the limit never reaches onMessage: Vert.x drops it and reports it here (ClientMessageLimit).
    @OnError
    public Uni<Void> onError(WebSocketConnection connection, Throwable failure) {
        SocketSession session = connection.userData().get(SESSION);
        if (ClientMessageLimit.exceeded(failure)) {
            LOG.infof("closing a WebSocket of %s with 1009: it sent a message over %d bytes",
                    session == null ? connection.id() : session.recipient().userId(), limit.maxBytes());
            return session == null ? connection.close(limit.tooBig()) : session.close(limit.tooBig());
        }
        LOG.debugf("WebSocket %s: %s", connection.id(), failure.toString());
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> handle(SocketSession session, ClientMessage message) {
        if (message instanceof ClientMessage.Ping) {
            return session.send(messages.pong());
        }
        if (message instanceof ClientMessage.Ack ack) {
            return marks.acked(session.recipient().userId(), ack.seqs()).chain(() -> session.send(messages.acked(ack.seqs())));
        }
        if (message instanceof ClientMessage.Subscribe subscribe) {
            return mayFollow(session.recipient(), subscribe.orderId()).chain(() -> {
                if (!session.follow(subscribe.orderId(), MAX_FOLLOWED_ORDERS)) {
                    return Uni.createFrom().failure(new BadClientMessage("too-many",
                            "A connection follows at most " + MAX_FOLLOWED_ORDERS + " orders"));
                }
                return session.send(messages.subscriptions(session.followed()));
            });
        }
        ClientMessage.Unsubscribe unsubscribe = (ClientMessage.Unsubscribe) message;
        session.unfollow(unsubscribe.orderId());
        return session.send(messages.subscriptions(session.followed()));
    }

    // Following never widens what one sees; still, following someone else's order is answered as unknown.
    private Uni<Void> mayFollow(Recipient recipient, String orderId) {
        if (recipient.operator()) {
            return Uni.createFrom().voidItem();
        }
        return notifications.ownerOf(orderId).chain(owner -> owner.isPresent() && !owner.get().equals(recipient.userId())
                ? Uni.createFrom().failure(new BadClientMessage("not-found", "No order " + orderId + " of yours"))
                : Uni.createFrom().voidItem());
    }

    // Marked unacked before it is sent (committed with the other deliveries of the moment, UnackedMarks), so an ack
    // can never arrive before the mark. If the mark cannot be written (database away) the notification is still
    // sent: live delivery matters more than its redelivery. Mark and send are one span of the notification's trace.
    private Uni<Void> push(SocketSession session, Notification n) {
        if (n == LiveNotifications.CONNECTED) {
            return session.send(messages.welcome(session.recipient()));
        }
        // The mark waits for the server's own writes: that never counts against the client as slow (ServerSide).
        return spans.sending(Channel.WEBSOCKET, n, () -> session.serverSide().run(() -> marks.markSent(session.recipient().userId(), n.seq()))
                .onFailure().invoke(failure -> LOG.debugf("notification %d not marked for redelivery: %s", n.seq(), failure.getMessage()))
                .onFailure().recoverWithNull()
                .chain(() -> session.send(messages.notification(n))));
    }

    // Runs on the feed's thread the moment the queue overflows: closing must not wait for the stuck write.
    private void overflowed(SocketSession session) {
        metrics.overflowed(Channel.WEBSOCKET);
        LOG.infof("closing a WebSocket of %s with 4008: it does not read its notifications fast enough", session.recipient().userId());
        session.overflow().subscribe().with(ok -> { }, ignored -> { });
    }

    private void streamFailed(SocketSession session, Throwable failure) {
        if (failure instanceof FeedNotStartedException) {
            session.close(NotificationCloseCodes.TRY_AGAIN_LATER).subscribe().with(ok -> { }, ignored -> { });
        } else {
            LOG.warnf("closing a WebSocket of %s: %s", session.recipient().userId(), failure.toString());
            session.close(NotificationCloseCodes.INTERNAL_ERROR).subscribe().with(ok -> { }, ignored -> { });
        }
    }
}
