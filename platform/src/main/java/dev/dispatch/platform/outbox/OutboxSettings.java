package dev.dispatch.platform.outbox;

import java.time.Duration;

import io.smallrye.config.WithDefault;

/**
 * The relay's settings, a group each service embeds in its own {@code @ConfigMapping} as {@code outbox()}, so they
 * read {@code dispatch.<service>.outbox.*}. The timer's period is also read by name in the relay's {@code @Scheduled}.
 */
public interface OutboxSettings {

    /** The timer that backs up the trigger after each commit. */
    @WithDefault("1s")
    Duration relayEvery();

    /** How long the relay waits for the broker to accept one event before it tries again later. */
    @WithDefault("5s")
    Duration sendTimeout();

    /** Events read per round; the relay loops until none is pending. */
    @WithDefault("100")
    int batchSize();

    /** The PostgreSQL advisory lock that lets one instance of the service relay at a time; unique per service. */
    long lockKey();
}
