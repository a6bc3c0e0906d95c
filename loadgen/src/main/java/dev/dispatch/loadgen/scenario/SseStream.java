package dev.dispatch.loadgen.scenario;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * notification-service's SSE stream for one customer, read line by line on a thread of its own; every complete
 * event's data (the notification JSON) goes to the listener. Open once the server's {@code :connected} comment came.
 */
final class SseStream implements AutoCloseable {

    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private volatile Stream<String> lines;
    private volatile String failure;

    private SseStream() {
    }

    static SseStream open(HttpClient http, URI notifications, String token, Consumer<JsonNode> onNotification)
            throws IOException, InterruptedException {
        SseStream stream = new SseStream();
        HttpRequest request = HttpRequest.newBuilder(notifications.resolve("/api/notifications/stream"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build();
        HttpResponse<Stream<String>> answer = http.send(request, HttpResponse.BodyHandlers.ofLines());
        if (answer.statusCode() != 200) {
            throw new IOException("the SSE stream answered " + answer.statusCode());
        }
        stream.lines = answer.body();
        Thread reader = new Thread(() -> stream.read(onNotification), "sse-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            stream.connected.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("the SSE stream did not say :connected within 30 s", e);
        }
        return stream;
    }

    private void read(Consumer<JsonNode> onNotification) {
        StringBuilder data = new StringBuilder();
        try {
            lines.forEach(line -> {
                if (line.startsWith(":") && line.substring(1).trim().equals("connected")) {
                    connected.complete(null);
                } else if (line.startsWith("data:")) {
                    data.append(line, line.startsWith("data: ") ? 6 : 5, line.length());
                } else if (line.isEmpty() && data.length() > 0) {
                    try {
                        onNotification.accept(Gateway.JSON.readTree(data.toString()));
                    } catch (IOException e) {
                        failure = "unreadable SSE data: " + data;
                    }
                    data.setLength(0);
                }
            });
            failure = failure != null ? failure : "the SSE stream ended";
        } catch (RuntimeException e) {
            failure = failure != null ? failure : "the SSE stream broke: " + e;
        }
    }

    /** Why the stream stopped early, or null while it is open (or was closed by us). */
    String failure() {
        return failure;
    }

    @Override
    public void close() {
        Stream<String> open = lines;
        failure = failure != null ? failure : "closed";
        if (open != null) {
            open.close();
        }
    }
}
