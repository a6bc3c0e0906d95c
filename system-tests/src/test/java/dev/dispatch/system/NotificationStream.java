package dev.dispatch.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.vertx.core.json.JsonObject;

/**
 * One customer's SSE stream of notification-service, read as a browser's EventSource reads it: from
 * {@code Last-Event-ID} on, and when the stream breaks (the service died) again after the {@code retry} pause,
 * resuming from the last id it got. It keeps every notification it was sent, duplicates included.
 */
final class NotificationStream implements AutoCloseable {

    /** One notification as the stream carried it. */
    record Received(long id, String eventId, String type, String orderId) {
    }

    private static final Duration RETRY = Duration.ofMillis(500);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    private final String url;
    private final String token;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final Thread reader;
    private volatile long lastId;
    private volatile boolean closed;
    private volatile Stream<String> current;

    /** Reads {@code service}'s stream as the token's owner, resuming after {@code lastEventId} (0: everything kept). */
    NotificationStream(ServiceProcess service, String token, long lastEventId) {
        this.url = service.baseUrl() + "/api/notifications/stream";
        this.token = token;
        this.lastId = lastEventId;
        this.reader = new Thread(this::readUntilClosed, "sse-" + service.name());
        reader.setDaemon(true);
        reader.start();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** How many times the stream was opened (1 + the resumes after it broke). */
    int connections() {
        return connections.get();
    }

    long lastId() {
        return lastId;
    }

    private void readUntilClosed() {
        while (!closed) {
            try {
                HttpResponse<Stream<String>> response = http.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream")
                        .header("Last-Event-ID", String.valueOf(lastId)).build(), HttpResponse.BodyHandlers.ofLines());
                if (response.statusCode() == 200) {
                    connections.incrementAndGet();
                    current = response.body();
                    readEvents(response.body());
                } else {
                    response.body().close();
                }
            } catch (IOException | UncheckedIOException broken) {
                // the service is away: try again after the pause, as an EventSource does
            } catch (InterruptedException stop) {
                return;
            }
            if (!closed) {
                pause();
            }
        }
    }

    /** SSE framing: field lines up to a blank line make one event; comments (":heartbeat") are skipped. */
    private void readEvents(Stream<String> lines) {
        String[] event = new String[2]; // id, data
        lines.forEach(line -> {
            if (line.startsWith("id:")) {
                event[0] = line.substring(3).trim();
            } else if (line.startsWith("data:")) {
                event[1] = line.substring(5).trim();
            } else if (line.isEmpty() && event[0] != null && event[1] != null) {
                JsonObject data = new JsonObject(event[1]);
                long id = Long.parseLong(event[0]);
                received.add(new Received(id, data.getString("eventId"), data.getString("type"), data.getString("orderId")));
                lastId = id;
                event[0] = null;
                event[1] = null;
            }
        });
    }

    // The EventSource's reconnect delay: pacing between attempts, nothing waits on it.
    private static void pause() {
        try {
            Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        Stream<String> stream = current;
        if (stream != null) {
            stream.close();
        }
        reader.interrupt();
    }
}
