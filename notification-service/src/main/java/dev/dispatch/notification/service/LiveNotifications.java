package dev.dispatch.notification.service;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

import dev.dispatch.notification.config.NotificationConfig;
import dev.dispatch.notification.model.Channel;
import dev.dispatch.notification.model.Notification;
import dev.dispatch.notification.model.Recipient;
import dev.dispatch.notification.repository.NotificationRepository;
import dev.dispatch.notification.repository.UnackedRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What one connection receives, for both channels: the missed part (SSE history after Last-Event-ID, or the
 * WebSocket notifications not acknowledged), then everything live that the recipient may see, wants on this
 * channel (checked against the preferences as they are at that moment) and follows on this connection.
 */
@ApplicationScoped
public class LiveNotifications {

    /**
     * The first item of every stream, once the connection is attached to the live feed (so anything stored from
     * then on reaches it): the SSE "connected" comment and the WebSocket "welcome" message.
     */
    public static final Notification CONNECTED = new Notification(-1, "connected", null, null, true, "{}", null);

    private final NotificationFeed feed;
    private final PreferenceCache preferences;
    private final NotificationRepository history;
    private final UnackedRepository unacked;
    private final NotificationConfig config;

    public LiveNotifications(NotificationFeed feed, PreferenceCache preferences, NotificationRepository history,
            UnackedRepository unacked, NotificationConfig config) {
        this.feed = feed;
        this.preferences = preferences;
        this.history = history;
        this.unacked = unacked;
        this.config = config;
    }

    /**
     * The SSE stream: history after {@code lastEventId} (if any, at most history-size), then live. The live part
     * is attached before the history is read, and the history stops where live starts: nothing is lost or doubled.
     */
    public Multi<Notification> sse(Recipient recipient, Long lastEventId, String orderId, Runnable onOverflow) {
        Predicate<Notification> ofOrder = orderId == null ? n -> true : n -> orderId.equals(n.orderId());
        return open(recipient, Channel.SSE, ofOrder, onOverflow, new ServerSide(), cursor -> lastEventId == null
                ? Uni.createFrom().item(List.of())
                : history.history(recipient, lastEventId, cursor, orderId, config.historySize())
                        .map(missed -> missed.stream().filter(n -> wanted(recipient, Channel.SSE, n)).toList()));
    }

    /**
     * The WebSocket stream: what was sent before and not acknowledged (at most history-size), then live.
     * {@code onOverflow} runs when the connection's queue overflows (see {@link NotificationFeed#attach}); what the
     * socket does through {@code serverSide} never counts as the client being slow.
     */
    public Multi<Notification> websocket(Recipient recipient, Predicate<Notification> followed, Runnable onOverflow,
            ServerSide serverSide) {
        return open(recipient, Channel.WEBSOCKET, followed, onOverflow, serverSide,
                cursor -> unacked.unacked(recipient.userId(), cursor, config.historySize()));
    }

    private Multi<Notification> open(Recipient recipient, Channel channel, Predicate<Notification> followed, Runnable onOverflow,
            ServerSide serverSide, Function<Long, Uni<List<Notification>>> missed) {
        return Multi.createFrom().deferred(() -> preferences.acquire(recipient.userId())
                .onItem().transformToMulti(loaded -> {
                    NotificationFeed.Attachment attachment = feed.attach(
                            n -> recipient.maySee(n) && wanted(recipient, channel, n) && followed.test(n),
                            config.outgoingQueueSize(), onOverflow, serverSide);
                    Multi<Notification> before = missed.apply(attachment.cursor())
                            .onItem().transformToMulti(list -> Multi.createFrom().iterable(list));
                    // The live part may never be subscribed (the missed part failed): detach on any ending.
                    return Multi.createBy().concatenating().streams(Multi.createFrom().item(CONNECTED), before, attachment.live())
                            .onTermination().invoke(attachment.detach());
                })
                .onTermination().invoke(() -> preferences.release(recipient.userId())));
    }

    private boolean wanted(Recipient recipient, Channel channel, Notification n) {
        return preferences.current(recipient.userId()).allows(n.type(), channel);
    }
}
