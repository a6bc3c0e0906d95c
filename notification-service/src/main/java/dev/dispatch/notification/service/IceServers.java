package dev.dispatch.notification.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import dev.dispatch.notification.config.CallsConfig;
import dev.dispatch.notification.model.TurnCredential;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The ICE servers a caller's browser uses (its {@code RTCConfiguration.iceServers}): STUN as configured, and TURN with a
 * credential of its own that works until {@code turn.ttl} from now. No TURN configured: none offered (peers on one host
 * or LAN still connect); media never passes through this service either way.
 */
@ApplicationScoped
public class IceServers {

    /** One entry of RTCConfiguration.iceServers; username and credential only for TURN. */
    public record Server(List<String> urls, String username, String credential) {
    }

    public record Offer(List<Server> iceServers, Instant expiresAt) {
    }

    private final CallsConfig config;
    private final Clock clock;

    @Inject
    public IceServers(CallsConfig config) {
        this(config, Clock.systemUTC());
    }

    IceServers(CallsConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** TURN URLs without the secret would hand out credentials no server accepts: refuse to start instead. */
    void check(@Observes StartupEvent event) {
        check(config);
    }

    static void check(CallsConfig config) {
        if (hasTurn(config) && config.turn().secret().filter(s -> !s.isBlank()).isEmpty()) {
            throw new IllegalStateException("dispatch.calls.turn.urls is set but dispatch.calls.turn.secret is not "
                    + "(DISPATCH_CALLS_TURN_SECRET, the TURN server's static-auth-secret)");
        }
    }

    public Offer forUser(String userId) {
        Instant expiresAt = clock.instant().plus(config.turn().ttl()).truncatedTo(ChronoUnit.SECONDS);
        List<Server> servers = new ArrayList<>();
        config.stunUrls().filter(urls -> !urls.isEmpty()).ifPresent(urls -> servers.add(new Server(List.copyOf(urls), null, null)));
        if (hasTurn(config)) {
            TurnCredential credential = TurnCredential.of(config.turn().secret().orElseThrow(), userId, expiresAt);
            servers.add(new Server(List.copyOf(config.turn().urls().get()), credential.username(), credential.credential()));
        }
        return new Offer(servers, expiresAt);
    }

    private static boolean hasTurn(CallsConfig config) {
        return config.turn().urls().filter(urls -> !urls.isEmpty()).isPresent();
    }
}
