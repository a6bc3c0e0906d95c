package dev.dispatch.loadgen.scenario;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.HdrHistogram.Histogram;

import dev.dispatch.loadgen.core.LatencySummary;
import dev.dispatch.loadgen.core.ResultRow;

/**
 * ws-fanout's bookkeeping: every answered PAID order's event must reach each of {@code clients} sockets exactly once.
 * As in {@link PushTracker}, an event may come before its POST's answer, so both meet here by order id; but with
 * thousands of sockets nothing is kept per delivery once the order is known: each socket's first arrival is timed
 * into one histogram at once (from the POST's due time), and per order only a count per socket and the first and
 * last socket's arrival stay, for the duplicates, the losses and the spread.
 */
public final class FanoutTracker {

    private final int clients;
    private final Map<String, Order> orders = new ConcurrentHashMap<>();
    private final Histogram latency = new Histogram(3);

    public FanoutTracker(int clients) {
        this.clients = clients;
    }

    private final class Order {
        final short[] arrivals = new short[clients];
        int reached;
        long firstNanos = Long.MAX_VALUE;
        long lastNanos = Long.MIN_VALUE;
        boolean expected;
        long dueNanos;
        /** First arrivals before the POST's answer gave the due time. */
        long[] early = new long[0];
        int earlyCount;
    }

    /** The POST that placed {@code orderId}, due at {@code dueNanos}, was answered: each socket expects its event. */
    public void expect(String orderId, long dueNanos) {
        Order order = orders.computeIfAbsent(orderId, id -> new Order());
        synchronized (order) {
            order.dueNanos = dueNanos;
            order.expected = true;
            for (int i = 0; i < order.earlyCount; i++) {
                record(order.early[i] - dueNanos);
            }
            order.early = null;
            order.earlyCount = 0;
        }
    }

    /** Socket {@code client} (0 to clients - 1) received the event of {@code orderId}. */
    public void arrived(int client, String orderId, long atNanos) {
        Order order = orders.computeIfAbsent(orderId, id -> new Order());
        synchronized (order) {
            short seen = order.arrivals[client];
            if (seen < Short.MAX_VALUE) {
                order.arrivals[client] = (short) (seen + 1);
            }
            if (seen > 0) {
                return; // a duplicate: counted, not timed
            }
            order.reached++;
            order.firstNanos = Math.min(order.firstNanos, atNanos);
            order.lastNanos = Math.max(order.lastNanos, atNanos);
            if (order.expected) {
                record(atNanos - order.dueNanos);
            } else {
                if (order.earlyCount == order.early.length) {
                    order.early = Arrays.copyOf(order.early, Math.max(16, order.early.length * 2));
                }
                order.early[order.earlyCount++] = atNanos;
            }
        }
    }

    private void record(long nanos) {
        synchronized (latency) {
            latency.recordValue(Math.max(0, nanos));
        }
    }

    /** Every expected order's event has reached every socket (more may still come: duplicates). */
    public boolean complete() {
        for (Order order : orders.values()) {
            synchronized (order) {
                if (order.expected && order.reached < clients) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Two rows: {@code deliveries} (expected = answered PAID orders x sockets; latency over every socket's first
     * arrival) and {@code spread} (per order that reached every socket, from the first socket's arrival to the
     * last's; expected = the orders, ok = those that reached every socket).
     */
    public List<ResultRow> rows() {
        long expectedOrders = 0;
        long completeOrders = 0;
        long delivered = 0;
        long duplicated = 0;
        long unexpected = 0;
        Histogram spread = new Histogram(3);
        for (Order order : orders.values()) {
            synchronized (order) {
                long repeats = 0;
                for (short seen : order.arrivals) {
                    repeats += Math.max(0, seen - 1);
                }
                if (!order.expected) {
                    unexpected += order.reached + repeats;
                    continue;
                }
                expectedOrders++;
                delivered += order.reached;
                duplicated += repeats;
                if (order.reached == clients) {
                    completeOrders++;
                    spread.recordValue(Math.max(0, order.lastNanos - order.firstNanos));
                }
            }
        }
        long expected = expectedOrders * clients;
        LatencySummary deliveries;
        synchronized (latency) {
            deliveries = LatencySummary.of(latency);
        }
        Map<String, Long> errors = unexpected == 0 ? Map.of() : Map.of("deliveries of orders not placed by an answered POST", unexpected);
        return List.of(
                new ResultRow("deliveries", expected, delivered, expected - delivered, expected - delivered, duplicated, errors, deliveries),
                new ResultRow("spread, first to last", expectedOrders, completeOrders, expectedOrders - completeOrders,
                        ResultRow.NOT_COUNTED, ResultRow.NOT_COUNTED, Map.of(), LatencySummary.of(spread)));
    }
}
