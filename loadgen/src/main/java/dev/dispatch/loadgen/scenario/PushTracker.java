package dev.dispatch.loadgen.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.HdrHistogram.Histogram;

import dev.dispatch.loadgen.core.LatencySummary;
import dev.dispatch.loadgen.core.ResultRow;

/**
 * Which orders should each produce one event on every channel, and what arrived: an event may come before the
 * POST that caused it has its answer (the order id is known only then), so both sides meet here by order id.
 * Latency is from the POST's due time to the event's first arrival; a second arrival of the same order's event on
 * a channel is a duplicate, none by the end is a loss.
 */
public final class PushTracker {

    private final List<String> channels;
    private final Map<String, Order> orders = new ConcurrentHashMap<>();

    public PushTracker(List<String> channels) {
        this.channels = List.copyOf(channels);
    }

    private final class Order {
        long dueNanos;
        boolean expected;
        final Map<String, List<Long>> arrivals = new TreeMap<>();
    }

    /** The POST that placed {@code orderId}, due at {@code dueNanos}, was answered: its event is expected. */
    public void expect(String orderId, long dueNanos) {
        Order order = orders.computeIfAbsent(orderId, id -> new Order());
        synchronized (order) {
            order.dueNanos = dueNanos;
            order.expected = true;
        }
    }

    public void arrived(String channel, String orderId, long atNanos) {
        Order order = orders.computeIfAbsent(orderId, id -> new Order());
        synchronized (order) {
            order.arrivals.computeIfAbsent(channel, c -> new ArrayList<>()).add(atNanos);
        }
    }

    /** Every expected order's event has arrived on every channel (more may still come: duplicates). */
    public boolean complete() {
        for (Order order : orders.values()) {
            synchronized (order) {
                if (order.expected && order.arrivals.size() < channels.size()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** One row per channel; events of orders no answered POST placed are counted apart ({@code unexpected}). */
    public List<ResultRow> rows(String prefix) {
        List<ResultRow> rows = new ArrayList<>();
        for (String channel : channels) {
            Histogram latency = new Histogram(3);
            long expected = 0;
            long arrived = 0;
            long duplicated = 0;
            long unexpected = 0;
            for (Order order : orders.values()) {
                synchronized (order) {
                    List<Long> times = order.arrivals.getOrDefault(channel, List.of());
                    if (!order.expected) {
                        unexpected += times.size();
                        continue;
                    }
                    expected++;
                    if (!times.isEmpty()) {
                        arrived++;
                        duplicated += times.size() - 1;
                        latency.recordValue(Math.max(0, times.stream().mapToLong(Long::longValue).min().orElseThrow() - order.dueNanos));
                    }
                }
            }
            Map<String, Long> errors = unexpected == 0 ? Map.of() : Map.of("events of orders not placed by an answered POST", unexpected);
            rows.add(new ResultRow(prefix + channel, expected, arrived, expected - arrived, expected - arrived, duplicated,
                    errors, LatencySummary.of(latency)));
        }
        return rows;
    }
}
