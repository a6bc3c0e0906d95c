package dev.dispatch.notification.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.restassured.RestAssured;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.json.JsonObject;

/**
 * A real WebSocket client of /ws/notifications or /ws/calls (Vert.x core), recording every message it receives, the server's
 * ping frames and how the connection was closed.
 */
public final class WsClient implements AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(15);

    private final HttpClient http;
    private final WebSocket socket;
    private final List<JsonObject> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger pings = new AtomicInteger();
    private final CompletableFuture<Short> closed = new CompletableFuture<>();
    private volatile String closeReason;

    private WsClient(HttpClient http, WebSocket socket) {
        this.http = http;
        this.socket = socket;
        socket.textMessageHandler(text -> received.add(new JsonObject(text)));
        socket.frameHandler(frame -> {
            if (frame.isPing()) {
                pings.incrementAndGet();
            }
        });
        socket.closeHandler(none -> {
            closeReason = socket.closeReason();
            closed.complete(socket.closeStatusCode());
        });
        socket.exceptionHandler(failure -> { }); // a connection the server drops is what some tests expect
    }

    /** Connects with the token as {@code ?access_token=} (as a browser would) and waits for the welcome. */
    public static WsClient connect(Vertx vertx, String token) throws Exception {
        WsClient client = open(vertx, "/ws/notifications?access_token=" + token, null, new HttpClientOptions());
        client.awaitType("welcome");
        return client;
    }

    /**
     * Connects to the calls' signalling socket /ws/calls with the token as {@code ?access_token=}; returns once a ping
     * was answered, i.e. the connection is registered and reachable by calls.
     */
    public static WsClient connectCalls(Vertx vertx, String token) throws Exception {
        WsClient client = open(vertx, "/ws/calls?access_token=" + token, null, new HttpClientOptions());
        client.roundTrip();
        return client;
    }

    /** Connects with the token in the Authorization header and waits for the welcome. */
    public static WsClient connectWithHeader(Vertx vertx, String token) throws Exception {
        WsClient client = open(vertx, "/ws/notifications", token, new HttpClientOptions());
        client.awaitType("welcome");
        return client;
    }

    /** A client with a tiny receive buffer, so that pausing it soon stops the server's writes. */
    public static WsClient connectSlow(Vertx vertx, String token) throws Exception {
        WsClient client = open(vertx, "/ws/notifications?access_token=" + token, null, new HttpClientOptions().setReceiveBufferSize(4096));
        client.awaitType("welcome");
        return client;
    }

    /** Opens the connection; fails with an {@code UpgradeRejectedException} when the server refuses it. */
    public static WsClient open(Vertx vertx, String uri, String bearer, HttpClientOptions options) throws Exception {
        HttpClient http = vertx.createHttpClient(options.setMaxWebSocketMessageSize(10 * 1024 * 1024).setMaxWebSocketFrameSize(10 * 1024 * 1024));
        WebSocketConnectOptions connect = new WebSocketConnectOptions().setHost("localhost").setPort(RestAssured.port).setURI(uri);
        if (bearer != null) {
            connect.addHeader("Authorization", "Bearer " + bearer);
        }
        try {
            // The handlers are set as the socket opens, on its event loop, so no early message is missed.
            return http.webSocket(connect).map(socket -> new WsClient(http, socket))
                    .toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            http.close();
            throw e;
        }
    }

    public void send(JsonObject message) {
        socket.writeTextMessage(message.encode());
    }

    public void sendText(String text) {
        socket.writeTextMessage(text);
    }

    /** Sends one text message as {@code frames} frames of (about) equal size: a first text frame, then continuations. */
    public void sendFragmented(String text, int frames) {
        int size = (text.length() + frames - 1) / frames;
        for (int i = 0; i < frames; i++) {
            String part = text.substring(Math.min(text.length(), i * size), Math.min(text.length(), (i + 1) * size));
            boolean last = i == frames - 1;
            socket.writeFrame(i == 0 ? WebSocketFrame.textFrame(part, last) : WebSocketFrame.continuationFrame(Buffer.buffer(part), last));
        }
    }

    /** A {@code ping} message of exactly {@code bytes} bytes (ASCII), padded with a field the server ignores. */
    public static String pingOfSize(int bytes) {
        String empty = "{\"type\":\"ping\",\"pad\":\"\"}";
        return empty.substring(0, empty.length() - 2) + "x".repeat(bytes - empty.length()) + "\"}";
    }

    public List<JsonObject> received() {
        return List.copyOf(received);
    }

    /** The notification objects received so far, in order. */
    public List<JsonObject> notifications() {
        return received.stream().filter(m -> "notification".equals(m.getString("type"))).map(m -> m.getJsonObject("notification")).toList();
    }

    public List<JsonObject> notificationsOf(String orderId) {
        return notifications().stream().filter(n -> orderId.equals(n.getString("orderId"))).toList();
    }

    public List<JsonObject> ofType(String type) {
        return received.stream().filter(m -> type.equals(m.getString("type"))).toList();
    }

    /** Waits for the n-th (1-based) message of a type and returns it. */
    public JsonObject awaitType(String type, int n) {
        await().atMost(WAIT).until(() -> ofType(type).size() >= n);
        return ofType(type).get(n - 1);
    }

    public JsonObject awaitType(String type) {
        return awaitType(type, 1);
    }

    /** Sends a ping and waits for its pong: everything the server sent before the pong has arrived. */
    public void roundTrip() {
        int before = ofType("pong").size();
        send(new JsonObject().put("type", "ping"));
        awaitType("pong", before + 1);
    }

    public int pingFrames() {
        return pings.get();
    }

    public void pause() {
        socket.pause();
    }

    public void resume() {
        socket.resume();
    }

    /** The close status code, once the connection is closed. */
    public Short awaitClosed() throws Exception {
        return closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** The reason of the close frame received, once the connection is closed (null without one). */
    public String closeReason() {
        return closeReason;
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() throws Exception {
        if (!closed.isDone()) {
            socket.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            closed.get(10, TimeUnit.SECONDS);
        }
        http.close();
    }
}
