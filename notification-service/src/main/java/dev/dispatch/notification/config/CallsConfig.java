package dev.dispatch.notification.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Calls (WebRTC): the ICE servers handed to browsers and the ringing time; keys under {@code dispatch.calls}
 * (environment {@code DISPATCH_CALLS_*}), documented in the README.
 */
@ConfigMapping(prefix = "dispatch.calls")
public interface CallsConfig {

    /** STUN servers, e.g. {@code stun:turn.example.org:3478}; none: browsers use only their own addresses. */
    Optional<List<String>> stunUrls();

    Turn turn();

    /** How long a call rings before both sides get {@code hangup} with reason {@code timeout}. */
    @WithDefault("30s")
    Duration ringTimeout();

    /** A TURN server that shares a secret with this service (coturn {@code use-auth-secret}). */
    interface Turn {

        /** e.g. {@code turn:turn.example.org:3478?transport=udp}; none: no relay is offered. */
        Optional<List<String>> urls();

        /** The shared secret (coturn's {@code static-auth-secret}); required when {@link #urls()} is set. */
        Optional<String> secret();

        /** How long a handed-out credential works (and so how long a call can start relaying after fetching it). */
        @WithDefault("1h")
        Duration ttl();
    }
}
