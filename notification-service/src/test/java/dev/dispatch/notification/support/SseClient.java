package dev.dispatch.notification.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.restassured.RestAssured;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

/** A real SSE client of /api/notifications/stream: an HTTP request kept open, its body parsed as text/event-stream. */
public final class SseClient implements AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(15);

    /** One event as the client saw it: its fields, or a comment line. */
    public record Event(String id, String event, String data, String comment) {

        public JsonObject json() {
            return new JsonObject(data);
        }
    }

    private final HttpClient http;
    private final HttpClientResponse response;
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final StringBuilder pending = new StringBuilder();
    private volatile boolean ended;

    private SseClient(HttpClient http, HttpClientResponse response) {
        this.http = http;
        this.response = response;
        response.handler(chunk -> parse(chunk.toString()));
        response.endHandler(none -> ended = true);
        response.exceptionHandler(failure -> ended = true);
    }

    /** Connects with ?access_token= (as an EventSource would) and waits for the ":connected" comment. */
    public static SseClient connect(Vertx vertx, String token) throws Exception {
        return connect(vertx, token, null, null);
    }

    public static SseClient connect(Vertx vertx, String token, String lastEventId, String orderId) throws Exception {
        String uri = "/api/notifications/stream?access_token=" + token + (orderId == null ? "" : "&orderId=" + orderId);
        SseClient client = open(vertx, uri, null, lastEventId);
        if (client.status() != 200) {
            throw new IllegalStateException("stream refused: " + client.status());
        }
        await().atMost(WAIT).until(() -> client.comments().contains("connected"));
        return client;
    }

    /** Sends the request; the response may be an error (see {@link #status()}). */
    public static SseClient open(Vertx vertx, String uri, String bearer, String lastEventId) throws Exception {
        HttpClient http = vertx.createHttpClient();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost("localhost").setPort(RestAssured.port).setURI(uri)
                .addHeader("Accept", "text/event-stream");
        if (bearer != null) {
            options.addHeader("Authorization", "Bearer " + bearer);
        }
        if (lastEventId != null) {
            options.addHeader("Last-Event-ID", lastEventId);
        }
        // The handlers are set as the response arrives, on its event loop, so no early chunk is missed.
        return http.request(options).compose(request -> request.send()).map(response -> new SseClient(http, response))
                .toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }

    public int status() {
        return response.statusCode();
    }

    public String header(String name) {
        return response.getHeader(name);
    }

    /** The events with data (not comments), in order. */
    public List<Event> events() {
        return events.stream().filter(e -> e.data() != null).toList();
    }

    public List<Event> eventsOf(String orderId) {
        return events().stream().filter(e -> orderId.equals(e.json().getString("orderId"))).toList();
    }

    public List<String> comments() {
        return events.stream().filter(e -> e.comment() != null).map(Event::comment).toList();
    }

    public List<Event> awaitEvents(int n) {
        await().atMost(WAIT).until(() -> events().size() >= n);
        return events();
    }

    public boolean ended() {
        return ended;
    }

    /** Stops reading (TCP flow control then stops the server's writes). */
    public void pause() {
        response.pause();
    }

    public void resume() {
        response.resume();
    }

    // Events end with a blank line; a chunk may hold several events or part of one.
    private synchronized void parse(String chunk) {
        pending.append(chunk);
        int end;
        while ((end = pending.indexOf("\n\n")) >= 0) {
            String block = pending.substring(0, end);
            pending.delete(0, end + 2);
            String id = null;
            String event = null;
            String comment = null;
            List<String> data = new ArrayList<>();
            for (String line : block.split("\n")) {
                if (line.startsWith(":")) {
                    comment = line.substring(1).trim();
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.add(line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5));
                }
            }
            events.add(new Event(id, event, data.isEmpty() ? null : String.join("\n", data), comment));
        }
    }

    @Override
    public void close() throws Exception {
        http.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
