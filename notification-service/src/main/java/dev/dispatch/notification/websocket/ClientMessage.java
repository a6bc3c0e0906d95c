package dev.dispatch.notification.websocket;

import java.util.List;

/** What a client may send on /ws/notifications (JSON objects with a {@code type}). */
public sealed interface ClientMessage {

    /** {@code {"type":"ack","ids":["41","42"]}}: these notifications were shown; do not send them again. */
    record Ack(List<Long> seqs) implements ClientMessage {
    }

    /** {@code {"type":"subscribe","orderId":"..."}}: from now on only this order's (and other followed orders') events. */
    record Subscribe(String orderId) implements ClientMessage {
    }

    /** {@code {"type":"unsubscribe","orderId":"..."}}: stop following it; following none means all of one's events. */
    record Unsubscribe(String orderId) implements ClientMessage {
    }

    /** {@code {"type":"ping"}}: answered with {@code pong}. */
    record Ping() implements ClientMessage {
    }
}
