package dev.dispatch.notification.sse;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.ResponseHeader;

import dev.dispatch.notification.config.NotificationConfig;
import dev.dispatch.notification.model.Channel;
import dev.dispatch.notification.model.Notification;
import dev.dispatch.notification.model.Recipient;
import dev.dispatch.notification.service.ConnectionMetrics;
import dev.dispatch.notification.service.LiveNotifications;
import dev.dispatch.notification.service.PushSpans;
import dev.dispatch.notification.service.Recipients;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.vertx.core.http.HttpServerResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

/**
 * The one-way live stream: every notification the caller may see and wants over SSE, as
 * {@code id: <seq>}, {@code event: <event type>}, {@code data: <notification JSON>}. With {@code Last-Event-ID}
 * (an EventSource sends it by itself on reconnect) it first replays what was missed, from the shared history,
 * so a reconnect to another replica resumes exactly. A {@code :connected} comment opens the stream once it is
 * live; {@code :heartbeat} comments keep idle proxies from closing it. A client too slow to take its events has
 * its connection closed (an EventSource reconnects with Last-Event-ID and misses nothing still in the history).
 */
@Path("/api/notifications/stream")
@RolesAllowed({ Recipient.CUSTOMER_ROLE, Recipient.OPERATOR_ROLE })
public class NotificationStreamResource {

    private static final Logger LOG = Logger.getLogger(NotificationStreamResource.class);

    private final LiveNotifications live;
    private final ConnectionMetrics metrics;
    private final NotificationConfig config;
    private final SecurityIdentity identity;
    private final PushSpans spans;

    public NotificationStreamResource(LiveNotifications live, ConnectionMetrics metrics, NotificationConfig config,
            SecurityIdentity identity, PushSpans spans) {
        this.live = live;
        this.metrics = metrics;
        this.config = config;
        this.identity = identity;
        this.spans = spans;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @ResponseHeader(name = "Cache-Control", value = "no-cache")
    @ResponseHeader(name = "X-Accel-Buffering", value = "no") // nginx: do not buffer the stream
    public Multi<OutboundSseEvent> stream(@HeaderParam("Last-Event-ID") String lastEventId,
            @QueryParam("lastEventId") String lastEventIdParameter, @QueryParam("orderId") String orderId,
            @Context Sse sse, @Context HttpServerResponse response) {
        Recipient recipient = Recipients.of(identity);
        // The header is what an EventSource sends when it reconnects by itself; the parameter lets a page that opens a
        // new EventSource (e.g. with a fresh short-lived token) resume too.
        Long resumeAfter = seq(lastEventId != null ? lastEventId : lastEventIdParameter);
        Multi<OutboundSseEvent> notifications = live.sse(recipient, resumeAfter, orderId == null || orderId.isBlank() ? null : orderId,
                () -> overflowed(recipient, response))
                .map(n -> toEvent(sse, n));
        // Heartbeats are skipped while the client is busy: they must not count against its queue.
        Multi<OutboundSseEvent> heartbeats = Multi.createFrom().ticks()
                .startingAfter(config.heartbeatInterval()).every(config.heartbeatInterval())
                .onOverflow().drop()
                .map(tick -> sse.newEventBuilder().comment("heartbeat").build());
        return Multi.createBy().merging().withConcurrency(2).withRequests(1).streams(notifications, heartbeats)
                .onSubscription().invoke(() -> metrics.opened(Channel.SSE))
                .onTermination().invoke(() -> metrics.closed(Channel.SSE));
    }

    // On the feed's thread, the moment the queue overflows: the response is stuck behind a write the client does
    // not read, so ending it politely would wait as well. Reset closes the connection (HTTP/1.1) or the stream (HTTP/2).
    private void overflowed(Recipient recipient, HttpServerResponse response) {
        metrics.overflowed(Channel.SSE);
        LOG.infof("ending an SSE stream of %s: it does not read its notifications fast enough", recipient.userId());
        response.reset();
    }

    private OutboundSseEvent toEvent(Sse sse, Notification n) {
        if (n == LiveNotifications.CONNECTED) {
            return sse.newEventBuilder().comment("connected").reconnectDelay(config.sseRetry().toMillis()).build();
        }
        // The server writes it; the span of the notification's trace marks its hand-over to this stream.
        return spans.handingOver(Channel.SSE, n, () -> sse.newEventBuilder().id(n.id()).name(n.type()).data(n.json()).build());
    }

    /** A Last-Event-ID we did not send (not a number) cannot be resumed from: the stream starts live. */
    static Long seq(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return null;
        }
        try {
            long seq = Long.parseLong(lastEventId.trim());
            return seq >= 0 ? seq : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
