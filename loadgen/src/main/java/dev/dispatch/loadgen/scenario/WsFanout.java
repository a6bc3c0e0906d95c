package dev.dispatch.loadgen.scenario;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

import com.fasterxml.jackson.databind.JsonNode;

import dev.dispatch.loadgen.core.LatencySummary;
import dev.dispatch.loadgen.core.Outcome;
import dev.dispatch.loadgen.core.ResultRow;
import dev.dispatch.loadgen.core.Target;
import dev.dispatch.loadgen.core.Ticker;

/**
 * One event to many WebSocket clients: N operators (each a user of their own, {@code fanout-RUNID-i}) on
 * /ws/notifications, orders placed over REST by this run's customer; every order answered PAID must bring its
 * {@code dispatch.order.paid} notification to every socket exactly once. Operators see every order's events, so only
 * those of this run's customer ({@code data.customerId}) count; the rest are counted apart.
 */
public final class WsFanout implements Scenario {

    /** Connects under way at once: enough to open 10,000 in well under a minute, few enough not to look like a flood. */
    static final int CONNECTING_AT_ONCE = 100;

    private final Gateway gateway;
    private final URI notifications;
    private final IntFunction<String> operatorToken;
    private final String customer;
    private final String runId;
    private final int clients;
    private final Duration ackInterval;
    private final Ticker ticker;
    private final FanoutTracker tracker;
    private final LongAdder otherNotifications = new LongAdder();
    private NotificationSockets sockets;
    private String closingLine = "";
    private long cpuAtStart;
    private long wallAtStart;
    private String clientCpu = "-";

    WsFanout(Gateway gateway, URI notifications, IntFunction<String> operatorToken, String customer, String runId, int clients,
            Duration ackInterval, Ticker ticker) {
        this.gateway = gateway;
        this.notifications = notifications;
        this.operatorToken = operatorToken;
        this.customer = customer;
        this.runId = runId;
        this.clients = clients;
        this.ackInterval = ackInterval;
        this.ticker = ticker;
        this.tracker = new FanoutTracker(clients);
    }

    /**
     * The JDK's HTTP client keeps about 50 KB of buffers per WebSocket (16 KB each to read, decode and write), so
     * 10,000 sockets would not fit in bin/bench's heap. Notifications are a few KB, and a larger one still arrives,
     * in parts; the write buffer stays large enough for an ack of 500 ids in one frame (a larger message would go
     * out fragmented). Set before the client's first use (it reads them once); a -D of the same name wins.
     */
    static void smallerClientBuffers() {
        Map<String, String> sizes = Map.of("jdk.httpclient.bufsize", "2048", "jdk.httpclient.websocket.intermediateBufferSize", "2048",
                "jdk.httpclient.websocket.writeBufferSize", "8192");
        sizes.forEach((property, size) -> {
            if (System.getProperty(property) == null) {
                System.setProperty(property, size);
            }
        });
    }

    /** Operator i of run {@code runId}: a user of its own, so that no two sockets share the server's unacked marks. */
    static String operator(String runId, int i) {
        return "fanout-" + runId + "-" + i;
    }

    @Override
    public void prepare() throws Exception {
        System.out.printf("ws-fanout: opening %d WebSockets as %s ... %s (%d at a time)%n", clients, operator(runId, 0),
                operator(runId, clients - 1), CONNECTING_AT_ONCE);
        sockets = NotificationSockets.open(notifications, clients, operatorToken, CONNECTING_AT_ONCE, ackInterval,
                this::arrived, System.out::println);
        LatencySummary connect = LatencySummary.of(sockets.connectTimes());
        System.out.printf(Locale.ROOT, "ws-fanout: %d WebSockets open in %.1f s (each: p50 %.0f ms, max %.0f ms)%n", clients,
                sockets.connecting().toMillis() / 1000.0, connect.p50Ms(), connect.maxMs());
        cpuAtStart = processCpuNanos();
        wallAtStart = System.nanoTime();
    }

    /**
     * This process's CPU time: the JDK's WebSocket costs some tens of microseconds per message received, so at
     * thousands of deliveries a second the load generator takes a good part of a core from the system it measures.
     */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : -1;
    }

    private void arrived(JsonNode notification, int client) {
        long now = ticker.nanoTime();
        if (PushLatency.PAID_EVENT.equals(notification.path("type").asText())
                && customer.equals(notification.path("data").path("customerId").asText())) {
            tracker.arrived(client, notification.path("orderId").asText(), now);
        } else {
            otherNotifications.increment();
        }
    }

    @Override
    public Target target() {
        return (sequence, due) -> gateway.placeOrder(OrderBodies.idempotencyKey(runId, sequence)).thenApply(answer -> {
            Outcome outcome = OrdersRest.paid(answer);
            if (outcome.ok()) {
                tracker.expect(Gateway.body(answer).path("id").asText(), due);
            }
            return outcome;
        });
    }

    @Override
    public List<ResultRow> results(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!tracker.complete() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        // A moment more for duplicates that would follow the first delivery.
        TimeUnit.SECONDS.sleep(2);
        long cpu = processCpuNanos();
        if (cpu >= 0 && cpuAtStart >= 0) {
            double cpuSeconds = (cpu - cpuAtStart) / 1e9;
            double wallSeconds = (System.nanoTime() - wallAtStart) / 1e9;
            clientCpu = String.format(Locale.ROOT, "%.1f s of CPU in %.1f s (%.2f cores)", cpuSeconds, wallSeconds, cpuSeconds / wallSeconds);
        }
        Map<String, Long> broken = sockets.failures();
        long brokenCount = broken.values().stream().mapToLong(Long::longValue).sum();
        List<ResultRow> rows = new ArrayList<>();
        rows.add(new ResultRow("sockets, connect", clients, clients - brokenCount, brokenCount, ResultRow.NOT_COUNTED,
                ResultRow.NOT_COUNTED, broken, LatencySummary.of(sockets.connectTimes())));
        List<ResultRow> fanout = tracker.rows();
        rows.addAll(fanout);
        LatencySummary deliveries = fanout.get(0).latency();
        LatencySummary spread = fanout.get(1).latency();
        closingLine = String.format(Locale.ROOT, "deliveries p95 %.1f ms, p99 %.1f ms; spread first to last socket p50 %.1f ms,"
                + " p95 %.1f ms (%d orders to %d sockets)", deliveries.p95Ms(), deliveries.p99Ms(), spread.p50Ms(), spread.p95Ms(),
                fanout.get(1).expected(), clients);
        System.out.println("ws-fanout: " + closingLine);
        System.out.println("ws-fanout: the load generator used " + clientCpu + " from the first POST to now");
        return rows;
    }

    @Override
    public Map<String, String> settings() {
        Map<String, String> settings = new TreeMap<>();
        settings.put("request", "POST /api/orders (REST, gateway), then dispatch.order.paid on every operator's WebSocket");
        settings.put("clients", Integer.toString(clients));
        settings.put("operators", operator(runId, 0) + " ... " + operator(runId, clients - 1));
        settings.put("connecting at once", Integer.toString(CONNECTING_AT_ONCE));
        settings.put("connecting took seconds", sockets == null ? "-" : String.format(Locale.ROOT, "%.1f", sockets.connecting().toMillis() / 1000.0));
        settings.put("ack interval ms", Long.toString(ackInterval.toMillis()));
        settings.put("latency of the deliveries row", "from the POST's due time to each socket's first arrival");
        settings.put("spread row", "per order that reached every socket: from the first socket's arrival to the last's");
        settings.put("other notifications received", Long.toString(otherNotifications.sum()));
        settings.put("summary", closingLine);
        settings.put("load generator CPU, sending and receiving", clientCpu);
        return settings;
    }

    @Override
    public void close() {
        if (sockets != null) {
            System.out.printf("ws-fanout: closing %d WebSockets%n", sockets.size());
            sockets.close();
        }
    }
}
