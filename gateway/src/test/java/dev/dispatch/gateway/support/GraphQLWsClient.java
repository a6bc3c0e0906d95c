package dev.dispatch.gateway.support;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

/**
 * A small graphql-transport-ws client on Vert.x's WebSocket client, as a browser library speaks it: connection_init
 * (optionally with a payload), connection_ack, subscribe, next / error / complete, ping / pong. Everything the server
 * sends is kept in {@link #received()} in order, so tests can wait on it with Awaitility.
 */
public final class GraphQLWsClient implements AutoCloseable {

    public static final String SUBPROTOCOL = "graphql-transport-ws";

    private final WebSocketClient client;
    private final WebSocket socket;
    private final List<JsonObject> received = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Short> closed = new CompletableFuture<>();

    private GraphQLWsClient(WebSocketClient client, WebSocket socket) {
        this.client = client;
        this.socket = socket;
        socket.textMessageHandler(text -> {
            JsonObject message = new JsonObject(text);
            if ("ping".equals(message.getString("type"))) {
                socket.writeTextMessage(new JsonObject().put("type", "pong").encode());
            }
            received.add(message);
        });
        socket.closeHandler(v -> closed.complete(socket.closeStatusCode()));
    }

    /** Opens the socket (headers on the upgrade, e.g. Authorization) and sends connection_init with the payload, if any. */
    public static GraphQLWsClient open(Vertx vertx, URI graphql, Map<String, String> headers, JsonObject initPayload) throws Exception {
        WebSocketClient client = vertx.createWebSocketClient();
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost(graphql.getHost()).setPort(graphql.getPort())
                .setURI(graphql.getRawPath() + (graphql.getRawQuery() == null ? "" : "?" + graphql.getRawQuery()))
                .addSubProtocol(SUBPROTOCOL);
        headers.forEach(options::addHeader);
        WebSocket socket = client.connect(options).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        GraphQLWsClient ws = new GraphQLWsClient(client, socket);
        JsonObject init = new JsonObject().put("type", "connection_init");
        if (initPayload != null) {
            init.put("payload", initPayload);
        }
        socket.writeTextMessage(init.encode());
        return ws;
    }

    public void subscribe(String id, String query, Map<String, Object> variables) {
        socket.writeTextMessage(new JsonObject().put("id", id).put("type", "subscribe")
                .put("payload", new JsonObject().put("query", query).put("variables", new JsonObject(variables))).encode());
    }

    public void complete(String id) {
        socket.writeTextMessage(new JsonObject().put("id", id).put("type", "complete").encode());
    }

    public void ping() {
        socket.writeTextMessage(new JsonObject().put("type", "ping").encode());
    }

    public List<JsonObject> received() {
        return List.copyOf(received);
    }

    /** The messages of one type, e.g. "next" of subscription "1". */
    public List<JsonObject> received(String type, String id) {
        return received.stream().filter(m -> type.equals(m.getString("type")) && (id == null || id.equals(m.getString("id")))).toList();
    }

    public boolean acknowledged() {
        return !received("connection_ack", null).isEmpty();
    }

    /** The close code once the server closed the socket, or null while it is open. */
    public Short closeCode() {
        return closed.isDone() ? closed.join() : null;
    }

    @Override
    public void close() throws Exception {
        if (!socket.isClosed()) {
            socket.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    public static Duration patience() {
        return Duration.ofSeconds(25);
    }
}
