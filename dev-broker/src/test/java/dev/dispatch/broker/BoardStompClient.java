package dev.dispatch.broker;

import static dev.dispatch.broker.TestBrokers.join;

import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * A STOMP 1.2 client over the broker's stomp-ws acceptor, the way the board page speaks it: raw frames in WebSocket
 * text messages, so that a test sees exactly what a browser would (every frame, every header).
 */
final class BoardStompClient implements AutoCloseable {

    private final HttpClient http;
    private final WebSocket socket;
    private final Queue<String> frames = new ConcurrentLinkedQueue<>();

    private BoardStompClient(HttpClient http, WebSocket socket) {
        this.http = http;
        this.socket = socket;
        socket.textMessageHandler(this::add);
        // Artemis writes binary frames; the bytes are UTF-8 STOMP.
        socket.binaryMessageHandler(buffer -> add(buffer.toString()));
    }

    static BoardStompClient open(Vertx vertx, EmbeddedBroker broker) throws Exception {
        HttpClient http = vertx.createHttpClient();
        WebSocket socket = join(http.webSocket(new WebSocketConnectOptions()
                .setHost(broker.host())
                .setPort(broker.port(Protocol.STOMP_WS))
                .setURI("/")
                .addSubProtocol("v12.stomp")));
        return new BoardStompClient(http, socket);
    }

    void send(String command, String... headers) {
        sendWithBody(command, "", headers);
    }

    void sendWithBody(String command, String body, String... headers) {
        StringBuilder frame = new StringBuilder(command).append('\n');
        for (String header : headers) {
            frame.append(header).append('\n');
        }
        socket.writeTextMessage(frame.append('\n').append(body).append('\0').toString());
    }

    /** Frames received so far whose command is {@code command}, oldest first. */
    List<String> frames(String command) {
        return frames.stream().filter(frame -> frame.startsWith(command + "\n")).toList();
    }

    Optional<String> first(String command) {
        return frames(command).stream().findFirst();
    }

    static String body(String frame) {
        return frame.substring(frame.indexOf("\n\n") + 2);
    }

    static Optional<String> header(String frame, String name) {
        return frame.substring(0, frame.indexOf("\n\n")).lines()
                .filter(line -> line.startsWith(name + ":"))
                .map(line -> line.substring(name.length() + 1))
                .findFirst();
    }

    boolean isClosed() {
        return socket.isClosed();
    }

    private void add(String text) {
        for (String frame : text.split("\0")) {
            // Heart-beats are bare newlines between frames.
            String trimmed = frame.replaceFirst("^\\s+", "");
            if (!trimmed.isEmpty()) {
                frames.add(trimmed);
            }
        }
    }

    @Override
    public void close() throws Exception {
        try {
            if (!socket.isClosed()) {
                join(socket.close());
            }
        } finally {
            join(http.close());
        }
    }
}
