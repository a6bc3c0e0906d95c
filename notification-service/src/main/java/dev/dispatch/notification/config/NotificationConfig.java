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

    /** Messages waiting for one slow client before it is disconnected (WebSocket close 4008; the SSE stream ends). */
    @WithDefault("256")
    int outgoingQueueSize();

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

    /** The PostgreSQL advisory lock that orders the storing of notifications across replicas. */
    @WithDefault("4242401")
    long storeLockKey();
}
