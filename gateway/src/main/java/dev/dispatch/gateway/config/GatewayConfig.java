package dev.dispatch.gateway.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "dispatch.gateway")
public interface GatewayConfig {

    /**
     * The longest one call to order-service may take; past it the caller gets 503. Set afresh on every call
     * (and on every retry), never once on the stub, where it would expire for all later calls.
     */
    @WithDefault("3s")
    Duration orderDeadline();

    /**
     * The same for the writes (place, cancel, dispatch), which wait for order-service's own call to payment-service:
     * when payment-service does not answer, order-service needs about twice its payment deadline
     * ({@code dispatch.order.payment.deadline}, 1.5 s) before it answers with the stored order.
     */
    @WithDefault("6s")
    Duration orderWriteDeadline();

    /**
     * The longest one call to iot-ingest may take (device reads and commands; a command only has to reach the broker).
     */
    @WithDefault("3s")
    Duration deviceDeadline();

    /**
     * The longest one call to iot-ingest's SensorService may take (sensor reads, provisioning, revocation, configuration
     * changes).
     */
    @WithDefault("3s")
    Duration sensorDeadline();

    /** The longest one call to payment-service may take (GraphQL's Order.payment, read only). */
    @WithDefault("3s")
    Duration paymentDeadline();

    /** The longest one call to notification-service's ChatService may take (an XMPP account is made or renewed in it). */
    @WithDefault("3s")
    Duration chatDeadline();

    /**
     * How often placing an order is tried when the answer is lost (a deadline passed, the connection broke), each
     * time with the same idempotency key, before the client is told the outcome is unknown (504).
     */
    @WithDefault("3")
    int placeAttempts();

    /** What a 503 tells clients to wait before trying again (the Retry-After header, in whole seconds). */
    @WithDefault("2s")
    Duration retryAfter();

    /** Bearer tokens verified once and remembered (VerifiedTokens). */
    TokenCacheConfig tokenCache();

    interface TokenCacheConfig {

        /** How many tokens are remembered; 0 verifies every request's token afresh. */
        @WithDefault("10000")
        int capacity();

        /** The longest a token is remembered (never past its expiry). */
        @WithDefault("1m")
        Duration maxAge();
    }
}
