package dev.dispatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dispatch.gateway.support.OrderBodies;
import dev.dispatch.testsupport.jwt.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A body sent without a length (chunked) that grows past quarkus.http.limits.max-body-size is refused the way a
 * declared one is: 413 as a problem, not a bare status, and no stack trace in the log.
 */
@QuarkusTest
class ChunkedBodyLimitTest {

    @TestHTTPResource("/api/orders")
    URL orders;

    @Test
    void aChunkedBodyOverTheLimitIs413AsAProblem() throws Exception {
        HttpResponse<String> answer = postChunked("{\"paymentToken\":\"" + "x".repeat(70 * 1024) + "\"}");

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(answer.body()).contains("\"type\":\"/problems/payload-too-large\"", "\"status\":413");
    }

    @Test
    void aChunkedOrderWithinTheLimitIsPlaced() throws Exception {
        String order = new ObjectMapper().writeValueAsString(OrderBodies.order("tok_approve"));

        HttpResponse<String> answer = postChunked(order);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        assertThat(answer.body()).contains("\"status\":\"PAID\"");
    }

    /** ofInputStream has no length: the JDK client sends the body chunked. */
    private HttpResponse<String> postChunked(String json) throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        return http.send(HttpRequest.newBuilder(URI.create(orders.toString()))
                .header("Authorization", "Bearer " + Tokens.customer("alice"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(15))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
