package dev.dispatch.system;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

/**
 * One GraphQL subscription over graphql-transport-ws, as a browser library would open it: the token in the
 * connection_init payload, then subscribe; every {@code next} payload's data is kept in arrival order.
 */
final class GraphQLSubscription implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final WebSocketClient client = vertx.createWebSocketClient();
    private final List<JsonObject> data = new CopyOnWriteArrayList<>();
    private final List<JsonObject> errors = new CopyOnWriteArrayList<>();
    private final WebSocket socket;

    GraphQLSubscription(String gatewayBaseUrl, String token, String query) throws Exception {
        URI base = URI.create(gatewayBaseUrl);
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(base.getHost()).setPort(base.getPort())
                .setURI("/graphql").addSubProtocol("graphql-transport-ws");
        socket = client.connect(options).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        socket.textMessageHandler(text -> {
            JsonObject message = new JsonObject(text);
            switch (message.getString("type")) {
                case "connection_ack" -> socket.writeTextMessage(new JsonObject().put("id", "1").put("type", "subscribe")
                        .put("payload", new JsonObject().put("query", query)).encode());
                case "ping" -> socket.writeTextMessage(new JsonObject().put("type", "pong").encode());
                case "next" -> {
                    JsonObject payload = message.getJsonObject("payload");
                    if (payload.getJsonArray("errors") != null) {
                        errors.add(payload);
                    }
                    if (payload.getJsonObject("data") != null) {
                        data.add(payload.getJsonObject("data"));
                    }
                }
                case "error" -> errors.add(message);
                default -> { }
            }
        });
        socket.writeTextMessage(new JsonObject().put("type", "connection_init")
                .put("payload", new JsonObject().put("Authorization", "Bearer " + token)).encode());
    }

    List<JsonObject> data() {
        return List.copyOf(data);
    }

    List<JsonObject> errors() {
        return List.copyOf(errors);
    }

    @Override
    public void close() throws Exception {
        socket.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
