package dev.dispatch.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.json.JsonObject;

/**
 * Places orders at the gateway at a steady rate, open loop (a new order every period whatever the answers), each
 * with an Idempotency-Key of its own, round robin over the customers. An answer other than 201 (a 503 while a
 * service is down, a refused connection while the gateway is) is retried with the same key and body until 201 or
 * the key's bound. Counts every answer by status.
 */
final class PacedOrders implements AutoCloseable {

    /** A customer: the subject and a token of theirs. */
    record Customer(String id, String token) {
    }

    /** One Idempotency-Key: who placed it, every answer it got in order, and the order of its 201. */
    static final class Placement {
        final String key = UUID.randomUUID().toString();
        final Customer customer;
        final Instant first = Instant.now();
        final List<String> answers = new CopyOnWriteArrayList<>();
        volatile Instant lastFailure;
        volatile JsonObject order;
        volatile boolean gaveUp;

        Placement(Customer customer) {
            this.customer = customer;
        }

        boolean done() {
            return order != null || gaveUp;
        }

        String orderId() {
            return order == null ? null : order.getString("id");
        }
    }

    static final String BODY = new JsonObject()
            .put("items", List.of(Map.of("sku", "CHAOS-1", "name", "Chaos monkey", "quantity", 1, "unitPriceMinor", 990)))
            .put("currency", "EUR")
            .put("deliveryAddress", Map.of("street", "Main St 1", "city", "Berlin", "postalCode", "10115", "country", "DE",
                    "latitude", 52.52, "longitude", 13.405))
            .put("paymentToken", "tok_approve").encode();

    private static final Duration RETRY_AFTER = Duration.ofMillis(500);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final URI orders;
    private final List<Customer> customers;
    private final Duration keyBound;
    private final List<Placement> placements = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicLong> answers = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();
    private volatile ScheduledFuture<?> pacing;

    PacedOrders(String gateway, List<Customer> customers, Duration keyBound) {
        this.orders = URI.create(gateway + "/api/orders");
        this.customers = List.copyOf(customers);
        this.keyBound = keyBound;
    }

    /** Starts placing {@code perSecond} orders a second, at most {@code max} in all. */
    void start(int perSecond, int max) {
        pacing = scheduler.scheduleAtFixedRate(() -> {
            int n = next.getAndIncrement();
            if (n >= max) {
                stop();
                return;
            }
            Placement placement = new Placement(customers.get(n % customers.size()));
            placements.add(placement);
            attempt(placement);
        }, 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
    }

    /** No new orders from now on; the keys already out keep being retried. */
    void stop() {
        ScheduledFuture<?> running = pacing;
        if (running != null) {
            running.cancel(false);
        }
    }

    List<Placement> placements() {
        return List.copyOf(placements);
    }

    /** Every answer of every attempt by status ("201", "503", "io: ConnectException", ...), sorted. */
    Map<String, Long> answers() {
        Map<String, Long> counts = new TreeMap<>();
        answers.forEach((status, count) -> counts.put(status, count.get()));
        return counts;
    }

    /** The same key and body again, once, synchronously: what a client that lost the first answer would do. */
    HttpResponse<String> replay(Placement placement) throws Exception {
        return http.send(request(placement), HttpResponse.BodyHandlers.ofString());
    }

    private void attempt(Placement placement) {
        http.sendAsync(request(placement), HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            String answer = failure == null ? String.valueOf(response.statusCode()) : "io: " + cause(failure);
            placement.answers.add(answer);
            answers.computeIfAbsent(answer, a -> new AtomicLong()).incrementAndGet();
            if (failure == null && response.statusCode() == 201) {
                placement.order = order(response.body());
                placement.gaveUp = placement.order == null;
            } else if (Instant.now().isAfter(placement.first.plus(keyBound))) {
                placement.gaveUp = true;
            } else {
                placement.lastFailure = Instant.now();
                scheduler.schedule(() -> attempt(placement), RETRY_AFTER.toMillis(), TimeUnit.MILLISECONDS);
            }
        });
    }

    private HttpRequest request(Placement placement) {
        return HttpRequest.newBuilder(orders).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + placement.customer.token())
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", placement.key)
                .POST(HttpRequest.BodyPublishers.ofString(BODY)).build();
    }

    private static JsonObject order(String body) {
        try {
            return new JsonObject(body);
        } catch (RuntimeException notJson) {
            return null; // a 201 without an order: counted as a failure of the key
        }
    }

    private static String cause(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof HttpTimeoutException ? "timeout" : cause.getClass().getSimpleName();
    }

    @Override
    public void close() {
        stop();
        scheduler.shutdownNow();
    }
}
