package dev.dispatch.loadgen.scenario;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import dev.dispatch.loadgen.core.Outcome;
import dev.dispatch.loadgen.core.ResultRow;
import dev.dispatch.loadgen.core.Target;
import dev.dispatch.loadgen.core.Ticker;

/**
 * POST /api/orders as a customer of this run's own (so the streams carry only this run's events), with that
 * customer's SSE stream and WebSocket open at notification-service: every order answered PAID must bring its
 * {@code dispatch.order.paid} notification exactly once on each, timed from the POST's due time.
 */
public final class PushLatency implements Scenario {

    static final String PAID_EVENT = "dispatch.order.paid";
    static final String SSE = "sse";
    static final String WEBSOCKET = "websocket";

    private final Gateway gateway;
    private final HttpClient http;
    private final URI notifications;
    private final String token;
    private final String runId;
    private final Ticker ticker;
    private final PushTracker tracker = new PushTracker(List.of(SSE, WEBSOCKET));
    private final List<String> streamProblems = new ArrayList<>();
    private SseStream sse;
    private NotificationSocket socket;

    PushLatency(Gateway gateway, HttpClient http, URI notifications, String token, String runId, Ticker ticker) {
        this.gateway = gateway;
        this.http = http;
        this.notifications = notifications;
        this.token = token;
        this.runId = runId;
        this.ticker = ticker;
    }

    @Override
    public void prepare() throws Exception {
        sse = SseStream.open(http, notifications, token, notification -> arrived(SSE, notification));
        socket = NotificationSocket.open(http, notifications, token, notification -> arrived(WEBSOCKET, notification));
    }

    private void arrived(String channel, JsonNode notification) {
        long now = ticker.nanoTime();
        if (PAID_EVENT.equals(notification.path("type").asText())) {
            tracker.arrived(channel, notification.path("orderId").asText(), now);
        }
    }

    @Override
    public Target target() {
        return (sequence, due) -> {
            return gateway.placeOrder(OrderBodies.idempotencyKey(runId, sequence)).thenApply(answer -> {
                Outcome outcome = OrdersRest.paid(answer);
                if (outcome.ok()) {
                    tracker.expect(Gateway.body(answer).path("id").asText(), due);
                }
                return outcome;
            });
        };
    }

    @Override
    public List<ResultRow> results(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!tracker.complete() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        // A moment more for duplicates that would follow the first delivery.
        TimeUnit.SECONDS.sleep(2);
        if (sse.failure() != null) {
            streamProblems.add("sse: " + sse.failure());
        }
        if (socket.failure() != null) {
            streamProblems.add("websocket: " + socket.failure());
        }
        return tracker.rows("paid event, ");
    }

    @Override
    public Map<String, String> settings() {
        return Map.of("request", "POST /api/orders (REST, gateway), then dispatch.order.paid on SSE and WebSocket",
                "latency of the push rows", "from the POST's send to the event's first arrival",
                "stream problems", streamProblems.isEmpty() ? "none" : String.join("; ", streamProblems));
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.close();
        }
        if (sse != null) {
            sse.close();
        }
    }
}
