package dev.dispatch.notification.websocket;

import io.quarkus.websockets.next.CloseReason;

/** The close codes of /ws/notifications beyond the standard ones (RFC 6455 leaves 4000-4999 to applications). */
public final class NotificationCloseCodes {

    /** The client did not read fast enough: its outgoing queue overflowed. Reconnecting gets the unacked ones again. */
    public static final CloseReason SLOW_CONSUMER = new CloseReason(4008, "slow consumer: outgoing queue overflowed");

    /** The service cannot serve notifications right now (its database was never reachable); try again later. */
    public static final CloseReason TRY_AGAIN_LATER = new CloseReason(1013, "notifications are not available yet, try again later");

    /** Something failed on our side. */
    public static final CloseReason INTERNAL_ERROR = new CloseReason(1011, "internal error");

    private NotificationCloseCodes() {
    }
}
