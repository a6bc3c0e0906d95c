package dev.dispatch.notification.websocket;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.dispatch.notification.model.Notification;
import dev.dispatch.notification.model.Recipient;
import dev.dispatch.notification.service.ServerSide;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * One open WebSocket: who it is, which orders it follows, its notification stream, and its writes in flight.
 * Every write counts against the outgoing bound, replies too, so a client that does not read cannot make the
 * server buffer without limit.
 */
final class SocketSession {

    private final WebSocketConnection connection;
    private final Recipient recipient;
    private final int bound;
    private final Set<String> followed = ConcurrentHashMap.newKeySet();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ServerSide serverSide = new ServerSide();
    private volatile Cancellable stream;
    private volatile boolean closed;

    SocketSession(WebSocketConnection connection, Recipient recipient, int bound) {
        this.connection = connection;
        this.recipient = recipient;
        this.bound = bound;
    }

    Recipient recipient() {
        return recipient;
    }

    /** This connection's deliveries' server-side part, which never counts against it as slow. */
    ServerSide serverSide() {
        return serverSide;
    }

    /** Following no order means all of the recipient's events; following some narrows to those. */
    boolean follows(Notification n) {
        return followed.isEmpty() || n.orderId() != null && followed.contains(n.orderId());
    }

    boolean follow(String orderId, int max) {
        return followed.contains(orderId) || followed.size() < max && followed.add(orderId);
    }

    void unfollow(String orderId) {
        followed.remove(orderId);
    }

    List<String> followed() {
        return List.copyOf(new TreeSet<>(followed));
    }

    /** Sends one text frame; completes when it is written to the socket, which is what makes a slow client visible. */
    Uni<Void> send(String text) {
        if (inFlight.incrementAndGet() > bound) {
            inFlight.decrementAndGet();
            return overflow().replaceWithVoid();
        }
        return connection.sendText(text).eventually(inFlight::decrementAndGet);
    }

    /** The stream of notifications for this connection; cancelled when the connection closes. */
    void streaming(Cancellable stream) {
        this.stream = stream;
        if (closed) {
            stream.cancel();
        }
    }

    void closed() {
        closed = true;
        Cancellable current = stream;
        if (current != null) {
            current.cancel();
        }
    }

    Uni<Void> overflow() {
        return close(NotificationCloseCodes.SLOW_CONSUMER);
    }

    Uni<Void> close(CloseReason reason) {
        if (closed || connection.isClosed()) {
            return Uni.createFrom().voidItem();
        }
        closed = true;
        Cancellable current = stream;
        if (current != null) {
            current.cancel();
        }
        return connection.close(reason).onFailure().recoverWithNull();
    }
}
