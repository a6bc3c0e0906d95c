package dev.dispatch.notification.service;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.dispatch.notification.model.Channel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;

/** Open connections per channel, and the slow clients that were cut off (notifications.connections, notifications.overflows). */
@ApplicationScoped
public class ConnectionMetrics {

    private final Map<Channel, AtomicInteger> open = new EnumMap<>(Channel.class);
    private final Map<Channel, Counter> overflows = new EnumMap<>(Channel.class);

    public ConnectionMetrics(MeterRegistry registry) {
        for (Channel channel : Channel.values()) {
            open.put(channel, registry.gauge("notifications.connections", Tags.of("channel", channel.key()), new AtomicInteger()));
            overflows.put(channel, registry.counter("notifications.overflows", "channel", channel.key()));
        }
    }

    public void opened(Channel channel) {
        open.get(channel).incrementAndGet();
    }

    public void closed(Channel channel) {
        open.get(channel).decrementAndGet();
    }

    public void overflowed(Channel channel) {
        overflows.get(channel).increment();
    }
}
