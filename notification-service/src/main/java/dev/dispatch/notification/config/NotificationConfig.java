package dev.dispatch.notification.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The limits of notification-service; keys under {@code dispatch.notification}, documented in the README. */
@ConfigMapping(prefix = "dispatch.notification")
public interface NotificationConfig {

    /** Notifications kept per customer (and of events that name no customer): the reach of Last-Event-ID and of redelivery. */
    @WithDefault("200")
    int historySize();

    /**
     * Notifications waiting for one client before it is disconnected as slow (WebSocket close 4008; the SSE stream
     * ends). It must hold a burst: the notifications stored in one transaction, or one read of the feed.
     */
    @WithDefault("1000")
    int outgoingQueueSize();

    /** How long a notification may wait for a client that takes none before it is disconnected as slow. */
    @WithDefault("10s")
    Duration stallLimit();

    /** WebSocket ping frames and SSE heartbeat comments, so idle connections stay open through proxies. */
    @WithDefault("15s")
    Duration heartbeatInterval();

    /** SSE {@code retry:} sent on connect: how long an EventSource waits before it reconnects. */
    @WithDefault("2s")
    Duration sseRetry();

    /** How often each replica looks for new notifications without being told (a safety net for a missed NOTIFY). */
    @WithDefault("2s")
    Duration feedPollInterval();

    /** Notifications read from the database per round of the live feed. */
    @WithDefault("500")
    int feedBatchSize();

    /** How long an event id is remembered to drop duplicates. */
    @WithDefault("168h")
    Duration dedupeRetention();

    /** How often old event ids and surplus unacknowledged marks are deleted. */
    @WithDefault("10m")
    Duration housekeepingInterval();

    /** Events taken from the broker and not yet stored: the ones waiting are stored together in the next transaction. */
    @WithDefault("256")
    int eventsInFlight();

    /** Notifications stored in one transaction at most (group commit). */
    @WithDefault("100")
    int storeGroupSize();

    /** The PostgreSQL advisory lock that orders the storing of notifications across replicas. */
    @WithDefault("4242401")
    long storeLockKey();
}
