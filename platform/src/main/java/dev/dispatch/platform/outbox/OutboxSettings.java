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

    /** How long the relay waits for the broker to accept one event (from its send) before it tries again later. */
    @WithDefault("5s")
    Duration sendTimeout();

    /** Events read per round, and marked published with one statement; the relay loops until none is pending. */
    @WithDefault("500")
    int batchSize();

    /**
     * Events sent and not yet answered by the broker, at most. Leave the outgoing channels' own
     * {@code max-inflight-messages} unset (the broker's credits, 1000 with ours): a send cut off by a lost connection is
     * never answered and keeps its share of the channel's demand for good (see platform/README.md).
     */
    @WithDefault("64")
    int maxInFlight();

    /** The PostgreSQL advisory lock that lets one instance of the service relay at a time; unique per service. */
    long lockKey();
}
