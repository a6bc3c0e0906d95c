package dev.dispatch.loadgen.scenario;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * notification-service's WebSocket for one customer, behaving as a client should: it acknowledges what it was sent
 * (in batches of up to 500 ids, every 200 ms), so nothing is redelivered. Open once the server's welcome came.
 */
final class NotificationSocket implements WebSocket.Listener, AutoCloseable {

    private final Consumer<JsonNode> onNotification;
    private final CompletableFuture<Void> welcomed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final List<String> toAck = new ArrayList<>();
    private final ScheduledExecutorService acks = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ws-acks");
        t.setDaemon(true);
        return t;
    });
    private volatile WebSocket socket;
    private volatile String failure;

    private NotificationSocket(Consumer<JsonNode> onNotification) {
        this.onNotification = onNotification;
    }

    static NotificationSocket open(HttpClient http, URI notifications, String token, Consumer<JsonNode> onNotification)
            throws IOException {
        NotificationSocket listener = new NotificationSocket(onNotification);
        URI uri = URI.create(notifications.toString().replaceFirst("^http", "ws") + "/ws/notifications?access_token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8));
        try {
            listener.socket = http.newWebSocketBuilder().buildAsync(uri, listener).get(30, TimeUnit.SECONDS);
            listener.welcomed.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            listener.close();
            throw new IOException("the WebSocket " + uri.getPath() + " did not welcome us within 30 s", e);
        }
        listener.acks.scheduleWithFixedDelay(listener::flushAcks, 200, 200, TimeUnit.MILLISECONDS);
        return listener;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence text, boolean last) {
        partial.append(text);
        if (last) {
            String frame = partial.toString();
            partial.setLength(0);
            handle(frame);
        }
        webSocket.request(1);
        return null;
    }

    private void handle(String frame) {
        JsonNode message;
        try {
            message = Gateway.JSON.readTree(frame);
        } catch (IOException e) {
            failure = "unreadable frame: " + frame;
            return;
        }
        switch (message.path("type").asText()) {
            case "welcome" -> welcomed.complete(null);
            case "notification" -> {
                JsonNode notification = message.path("notification");
                onNotification.accept(notification);
                synchronized (toAck) {
                    toAck.add(notification.path("id").asText());
                }
            }
            case "error" -> failure = "server error message: " + frame;
            default -> {
                // acked, pong, subscriptions: nothing to count
            }
        }
    }

    private void flushAcks() {
        List<String> batch;
        synchronized (toAck) {
            if (toAck.isEmpty()) {
                return;
            }
            batch = new ArrayList<>(toAck.subList(0, Math.min(500, toAck.size())));
            toAck.subList(0, batch.size()).clear();
        }
        try {
            String ids = Gateway.JSON.writeValueAsString(batch);
            // One send at a time (the JDK's WebSocket allows no other): wait for it on this thread.
            socket.sendText("{\"type\":\"ack\",\"ids\":" + ids + "}", true).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            failure = failure != null ? failure : "could not send an ack: " + e;
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        failure = failure != null ? failure : "closed by the server: " + statusCode + " " + reason;
        welcomed.completeExceptionally(new IOException(failure));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        failure = failure != null ? failure : "broke: " + error;
        welcomed.completeExceptionally(error);
    }

    String failure() {
        return failure;
    }

    @Override
    public void close() {
        acks.shutdownNow();
        try {
            acks.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flushAcks();
        WebSocket open = socket;
        if (open != null) {
            String before = failure;
            open.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
            failure = before;
        }
    }
}
