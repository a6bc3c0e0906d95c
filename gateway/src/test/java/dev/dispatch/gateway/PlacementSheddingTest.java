package dev.dispatch.gateway;

import static dev.dispatch.gateway.support.OrderBodies.order;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dispatch.gateway.support.FakeOrderService;
import dev.dispatch.testsupport.jwt.Tokens;
import io.quarkus.grpc.GrpcService;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Load shedding at the gateway: placements beyond the bulkhead (4 under way and 4 waiting in tests, 64 and 64 in
 * production) are answered 503 overloaded at once, before anything is sent, instead of joining a queue in which every
 * call misses its deadline. The ones let in are answered honestly (order-service never answers here: 504).
 */
@QuarkusTest
class PlacementSheddingTest {

    private static final int REQUESTS = 20;
    private static final int LET_IN = 8;

    @TestHTTPResource("/api/orders")
    URI orders;

    @Inject
    @GrpcService
    FakeOrderService backend;

    @Test
    void placementsBeyondTheBulkheadAre503OverloadedAtOnceAndNeverSent() throws Exception {
        int before = backend.calls("place", "tok_slow");
        String body = new ObjectMapper().writeValueAsString(order("tok_slow"));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long start = System.nanoTime();
        List<CompletableFuture<Answer>> answers = IntStream.range(0, REQUESTS)
                .mapToObj(i -> http.sendAsync(HttpRequest.newBuilder(orders)
                        .header("Authorization", "Bearer " + Tokens.customer("shed-" + i))
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", "shed-" + i)
                        .timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                        .thenApply(r -> new Answer(r.statusCode(), r.body(), r.headers().firstValue("Retry-After").orElse(null),
                                Duration.ofNanos(System.nanoTime() - start))))
                .toList();
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(60, java.util.concurrent.TimeUnit.SECONDS);

        List<Answer> all = answers.stream().map(CompletableFuture::join).toList();
        Map<Integer, Long> byStatus = all.stream().collect(Collectors.groupingBy(Answer::status, Collectors.counting()));
        assertThat(byStatus).containsExactlyInAnyOrderEntriesOf(Map.of(503, (long) (REQUESTS - LET_IN), 504, (long) LET_IN));
        List<Answer> shed = all.stream().filter(a -> a.status() == 503).toList();
        assertThat(shed).allSatisfy(a -> {
            assertThat(a.body()).contains("\"type\":\"/problems/overloaded\"").contains("was not placed");
            assertThat(a.retryAfter()).isEqualTo("2");
        });
        // Shed at once: every refusal came back before any placement let in was answered (those wait for deadlines).
        Duration lastShed = shed.stream().map(Answer::after).max(Duration::compareTo).orElseThrow();
        Duration firstLetIn = all.stream().filter(a -> a.status() == 504).map(Answer::after).min(Duration::compareTo).orElseThrow();
        assertThat(lastShed).isLessThan(firstLetIn);
        // Only the placements let in reached order-service (each tried 3 times with its own key).
        assertThat(backend.calls("place", "tok_slow") - before).isEqualTo(LET_IN * 3);
        assertThat(all.stream().filter(a -> a.status() == 504).map(Answer::body).collect(Collectors.toList()))
                .allSatisfy(b -> assertThat(b).contains("/problems/outcome-unknown"));
    }

    private record Answer(int status, String body, String retryAfter, Duration after) {
    }
}
