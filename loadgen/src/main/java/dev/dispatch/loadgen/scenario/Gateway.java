package dev.dispatch.loadgen.scenario;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dispatch.loadgen.core.Outcome;

/** The gateway's order API as a customer calls it (HTTP/1.1 with keep-alive, like most clients). */
final class Gateway {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http;
    private final URI base;
    private final String token;

    Gateway(HttpClient http, URI base, String token) {
        this.http = http;
        this.base = base;
        this.token = token;
    }

    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    CompletableFuture<HttpResponse<String>> placeOrder(String idempotencyKey) {
        return http.sendAsync(request("/api/orders").header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(OrderBodies.JSON)).build(), HttpResponse.BodyHandlers.ofString());
    }

    CompletableFuture<HttpResponse<String>> graphql(String body) {
        return http.sendAsync(request("/graphql").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    CompletableFuture<HttpResponse<String>> get(String path) {
        return http.sendAsync(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** One order placed and waited for (set-up, not measured): its id. */
    String placeNow(String idempotencyKey) throws IOException, InterruptedException {
        HttpResponse<String> answer = placeOrder(idempotencyKey).join();
        if (answer.statusCode() != 201) {
            throw new IOException("POST /api/orders answered " + answer.statusCode() + ": " + answer.body());
        }
        return JSON.readTree(answer.body()).path("id").asText();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
    }

    /** OK for the expected status, else "http NNN". */
    static Outcome expect(HttpResponse<?> answer, int status) {
        return answer.statusCode() == status ? Outcome.OK : Outcome.failed("http " + answer.statusCode());
    }

    static JsonNode body(HttpResponse<String> answer) {
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }
}
