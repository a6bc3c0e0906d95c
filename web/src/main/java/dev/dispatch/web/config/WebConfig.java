package dev.dispatch.web.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** The web service's settings ({@code dispatch.web.*}); defaults in application.properties. */
@ConfigMapping(prefix = "dispatch.web")
public interface WebConfig {

    /** The gateway as the browser reaches it (REST /api, GraphQL /graphql and its WebSocket). */
    String gatewayUrl();

    /** notification-service as the browser reaches it (SSE stream, WebSocket). */
    String notificationUrl();

    Broker broker();

    LocalLogin localLogin();

    interface Broker {

        /** The broker's STOMP over WebSocket acceptor, e.g. ws://127.0.0.1:61614. */
        String stompUrl();

        /** The consume-only board user (broker.xml role "board"). */
        String boardUser();

        String boardPassword();
    }

    interface LocalLogin {

        /** Only for a local run: signs a token for any name and role asked for. */
        boolean enabled();

        /** The local run's private key (PKCS#8 PEM, .dispatch/jwt/private.pem); required when enabled. */
        Optional<Path> privateKey();

        Duration tokenLifetime();
    }
}
