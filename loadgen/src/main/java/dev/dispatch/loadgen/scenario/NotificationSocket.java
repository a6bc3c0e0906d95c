package dev.dispatch.loadgen.scenario;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * notification-service's WebSocket for one user, behaving as a client should: it acknowledges what it was sent
 * (in batches of up to 500 ids, every 200 ms for push-latency), so nothing is redelivered. Open once the server's
 * welcome came. Thousands of them (ws-fanout, {@link NotificationSockets}) share one ack thread: an ack never waits
 * on that thread for its send, a flush that finds the previous ack still on its way leaves its ids for the next.
 */
final class NotificationSocket implements WebSocket.Listener, AutoCloseable {

    static final Duration OPEN_TIMEOUT = Duration.ofSeconds(30);
    static final Duration ACK_INTERVAL = Duration.ofMillis(200);
    private static final int ACK_BATCH = 500;

    private final Consumer<JsonNode> onNotification;
    private final CompletableFuture<Void> welcomed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final List<String> toAck = new ArrayList<>();
    private final Object sending = new Object();
    private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);
    private volatile WebSocket socket;
    private volatile ScheduledFuture<?> ackTask;
    private volatile boolean closing;
    private volatile ScheduledExecutorService ownAcks;
    private volatile String failure;

    private NotificationSocket(Consumer<JsonNode> onNotification) {
        this.onNotification = onNotification;
    }

    /** One socket with an ack thread of its own (push-latency); {@link #close()} stops both. */
    static NotificationSocket open(HttpClient http, URI notifications, String token, Consumer<JsonNode> onNotification)
            throws IOException {
        ScheduledExecutorService acks = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ws-acks");
            t.setDaemon(true);
            return t;
        });
        try {
            NotificationSocket socket = connect(http, notifications, token, onNotification, acks, ACK_INTERVAL, ACK_INTERVAL).get();
            socket.ownAcks = acks;
            return socket;
        } catch (ExecutionException e) {
            acks.shutdownNow();
            throw new IOException("the WebSocket /ws/notifications did not welcome us: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            acks.shutdownNow();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while opening the WebSocket /ws/notifications", e);
        }
    }

    /**
     * Opens a socket without waiting: completes once the server's welcome came, or fails with an IOException whose
     * message says why in a few words (a label to count by); then acknowledges every {@code ackInterval} on
     * {@code acks}, the first time after {@code firstAck}.
     */
    static CompletableFuture<NotificationSocket> connect(HttpClient http, URI notifications, String token,
            Consumer<JsonNode> onNotification, ScheduledExecutorService acks, Duration ackInterval, Duration firstAck) {
        NotificationSocket listener = new NotificationSocket(onNotification);
        URI uri = URI.create(notifications.toString().replaceFirst("^http", "ws") + "/ws/notifications?access_token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8));
        return http.newWebSocketBuilder().connectTimeout(OPEN_TIMEOUT).buildAsync(uri, listener)
                .thenCompose(socket -> {
                    listener.socket = socket;
                    return listener.welcomed;
                })
                .orTimeout(OPEN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .handle((ok, e) -> {
                    if (e != null) {
                        listener.abort();
                        throw new CompletionException(new IOException(label(e), e));
                    }
                    listener.ackTask = acks.scheduleWithFixedDelay(listener::flushAcks, firstAck.toNanos(),
                            ackInterval.toNanos(), TimeUnit.NANOSECONDS);
                    return listener;
                });
    }

    /** Why an open failed, in a few words: "refused: http 401", "no welcome within 30 s", "ConnectException". */
    private static String label(Throwable e) {
        Throwable cause = e;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof WebSocketHandshakeException refused) {
            return "refused: http " + refused.getResponse().statusCode();
        }
        if (cause instanceof TimeoutException) {
            return "no welcome within " + OPEN_TIMEOUT.toSeconds() + " s";
        }
        if (cause instanceof ServerClosed) {
            return cause.getMessage();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    /** The server closed the socket (before its welcome, when opening). */
    private static final class ServerClosed extends IOException {
        ServerClosed(int statusCode, String reason) {
            super("closed by the server: " + statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason));
        }
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

    /**
     * Sends the next batch of ids unless the previous ack is still on its way (the JDK's WebSocket allows one send at
     * a time); never waits for the send. Completes when what it started (or found under way) is sent.
     */
    private CompletableFuture<?> flushAcks() {
        synchronized (sending) {
            if (!lastSend.isDone()) {
                return lastSend;
            }
            List<String> batch;
            synchronized (toAck) {
                if (toAck.isEmpty()) {
                    return lastSend;
                }
                batch = new ArrayList<>(toAck.subList(0, Math.min(ACK_BATCH, toAck.size())));
                toAck.subList(0, batch.size()).clear();
            }
            try {
                String ids = Gateway.JSON.writeValueAsString(batch);
                lastSend = socket.sendText("{\"type\":\"ack\",\"ids\":" + ids + "}", true)
                        .orTimeout(10, TimeUnit.SECONDS)
                        .exceptionally(e -> {
                            failure = failure != null ? failure : "could not send an ack: " + label(e);
                            return null;
                        });
            } catch (Exception e) {
                failure = failure != null ? failure : "could not send an ack: " + e;
            }
            return lastSend;
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        ServerClosed closed = new ServerClosed(statusCode, reason);
        if (!closing) {
            failure = failure != null ? failure : closed.getMessage();
        }
        welcomed.completeExceptionally(closed);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        if (!closing) {
            failure = failure != null ? failure : "broke: " + error;
        }
        welcomed.completeExceptionally(error);
    }

    /** Why the socket stopped working during the run (null while it works): closed by the server, broken, ... */
    String failure() {
        return failure;
    }

    /**
     * Stops acknowledging on the schedule, sends what is left to acknowledge, then closes (each step at most a few
     * seconds); what the server says from then on is not a failure.
     */
    CompletableFuture<Void> closeAsync() {
        ScheduledFuture<?> task = ackTask;
        if (task != null) {
            task.cancel(false);
        }
        WebSocket open = socket;
        if (open == null) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<?> pending;
        synchronized (sending) {
            pending = lastSend;
        }
        return pending.thenCompose(ignored -> flushAcks())
                .thenCompose(ignored -> {
                    closing = true;
                    return open.sendClose(WebSocket.NORMAL_CLOSURE, "done");
                })
                .orTimeout(5, TimeUnit.SECONDS)
                .handle((ok, e) -> {
                    if (e != null) {
                        open.abort();
                    }
                    return null;
                });
    }

    /** Closes (waiting for it) and stops the ack thread, if it has one of its own. */
    @Override
    public void close() {
        closeAsync().join();
        ScheduledExecutorService acks = ownAcks;
        if (acks != null) {
            acks.shutdownNow();
        }
    }

    private void abort() {
        closing = true;
        WebSocket open = socket;
        if (open != null) {
            open.abort();
        }
    }
}
