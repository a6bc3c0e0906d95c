package dev.dispatch.notification.config;

import java.util.Set;

import dev.dispatch.platform.security.QueryTokenAuthMechanism;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The JWT as {@code ?access_token=} on the streaming endpoints only (the notification WebSocket, the SSE stream and
 * the calls' signalling WebSocket): a browser's {@code WebSocket} and {@code EventSource} cannot set headers. Everywhere else, e.g. the preferences API,
 * the token must come in the header. How the token is read and verified is platform's
 * {@link QueryTokenAuthMechanism}; tokens in URLs end up in access logs, so clients should use short-lived ones
 * (see the README).
 * <p>
 * It sits in {@code config} because it is HTTP set-up shared by inbound packages ({@code websocket},
 * {@code sse}, {@code signalling}), which may not import each other; it names their paths and imports nothing of the service.
 */
@ApplicationScoped
public class StreamTokenAuthMechanism extends QueryTokenAuthMechanism {

    static final Set<String> STREAMING_PATHS = Set.of("/ws/notifications", "/api/notifications/stream", "/ws/calls");

    @Override
    protected boolean acceptsQueryToken(RoutingContext context) {
        return STREAMING_PATHS.contains(context.normalizedPath());
    }
}
