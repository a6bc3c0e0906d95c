package dev.dispatch.simulator.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.dispatch.simulator.contract.SensorCredentials;

/** Provisioning over real HTTP; the gateway is played by a small server that answers as the real one does. */
class GatewayProvisioningTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Call(String method, String path, String authorization, String contentType, JsonNode body) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private HttpServer gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.stop(0);
        }
    }

    @Test
    void postsTheSensorWithTheOperatorsTokenAndReturnsTheKeyFromTheAnswer() throws Exception {
        URI url = gateway(201, """
                {"sensor":{"id":"tag-1","courierDeviceId":"courier-1","config":{"reportIntervalSeconds":10,"maxTemperatureC":8.0,
                 "maxShockG":4.0,"version":1},"credentialsActive":true},"pskIdentity":"tag-1","pskKey":"q3Rk8ZyB2mXw7LpN4vTd9HsC"}""");

        SensorCredentials credentials = new GatewayProvisioning(url, "the.operator.jwt").provision("tag-1", "courier-1", 10);

        assertThat(credentials).isEqualTo(new SensorCredentials("tag-1", "tag-1", "q3Rk8ZyB2mXw7LpN4vTd9HsC", "courier-1"));
        assertThat(credentials.toString()).doesNotContain("q3Rk8ZyB2mXw7LpN4vTd9HsC");
        assertThat(calls).singleElement().satisfies(call -> {
            assertThat(call.method()).isEqualTo("POST");
            assertThat(call.path()).isEqualTo("/api/sensors");
            assertThat(call.authorization()).isEqualTo("Bearer the.operator.jwt");
            assertThat(call.contentType()).isEqualTo("application/json");
            assertThat(call.body()).isEqualTo(JSON.readTree("{\"sensorId\":\"tag-1\",\"courierDeviceId\":\"courier-1\",\"reportIntervalSeconds\":10}"));
        });
    }

    @Test
    void aSensorRidingWithNoCourierLeavesTheFieldOutAndATrailingSlashIsFine() throws Exception {
        URI url = gateway(201, "{\"sensor\":{\"id\":\"tag-2\"},\"pskIdentity\":\"tag-2\",\"pskKey\":\"abc\"}");

        SensorCredentials credentials = new GatewayProvisioning(URI.create(url + "/"), "t").provision("tag-2", "", null);

        assertThat(credentials.courierDeviceId()).isEmpty();
        assertThat(calls.get(0).path()).isEqualTo("/api/sensors");
        assertThat(calls.get(0).body()).isEqualTo(JSON.readTree("{\"sensorId\":\"tag-2\"}"));
    }

    @Test
    void refusalsSayWhatToDo() throws Exception {
        assertThatThrownBy(() -> new GatewayProvisioning(gateway(401, ""), "expired").provision("tag-1", "", 10))
                .hasMessage("the gateway refused the operator token (401): make a fresh one with bin/token operator NAME");
        stop();
        assertThatThrownBy(() -> new GatewayProvisioning(gateway(403, ""), "customer").provision("tag-1", "", 10))
                .hasMessage("the token is not an operator's (403): provisioning sensors is for operators");
        stop();
        assertThatThrownBy(() -> new GatewayProvisioning(gateway(400, """
                {"type":"/problems/validation","title":"Invalid request","status":400,
                 "errors":[{"field":"reportIntervalSeconds","message":"must be from 5 to 86400"}]}"""), "t").provision("tag-1", "", 1))
                .hasMessage("the gateway answered 400 to provisioning tag-1: Invalid request; reportIntervalSeconds must be from 5 to 86400");
        stop();
        assertThatThrownBy(() -> new GatewayProvisioning(gateway(503, "busy"), "t").provision("tag-1", "", 10))
                .hasMessage("the gateway answered 503 to provisioning tag-1: busy");
    }

    @Test
    void anAnswerWithoutAKeyOrForAnotherSensorIsRefused() throws Exception {
        assertThatThrownBy(() -> new GatewayProvisioning(gateway(201, "{\"sensor\":{\"id\":\"tag-1\"}}"), "t").provision("tag-1", "", 10))
                .hasMessage("the gateway's answer to provisioning tag-1 has no pskIdentity and pskKey");
        stop();
        assertThatThrownBy(() -> new GatewayProvisioning(gateway(201,
                "{\"sensor\":{\"id\":\"tag-9\"},\"pskIdentity\":\"tag-9\",\"pskKey\":\"k\"}"), "t").provision("tag-1", "", 10))
                .hasMessage("asked to provision tag-1, the gateway provisioned tag-9");
        stop();
        assertThatThrownBy(() -> new GatewayProvisioning(gateway(201, "<html>"), "t").provision("tag-1", "", 10))
                .hasMessage("the gateway's answer to provisioning tag-1 is not JSON");
    }

    @Test
    void aGatewayThatIsNotThereIsSaidSo() {
        URI nowhere = URI.create("http://127.0.0.1:" + closedPort());

        assertThatThrownBy(() -> new GatewayProvisioning(nowhere, "t").provision("tag-1", "", 10))
                .hasMessage("cannot reach the gateway at " + nowhere + "/api/sensors (connection refused): is it running?");
    }

    @Test
    void badArgumentsAreRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> new GatewayProvisioning(URI.create("ftp://x"), "t")).hasMessageContaining("must be http(s)://host:port");
        assertThatThrownBy(() -> new GatewayProvisioning(URI.create("http://127.0.0.1:8080"), " "))
                .hasMessageContaining("an operator token is required");
        assertThatThrownBy(() -> new GatewayProvisioning(URI.create("http://127.0.0.1:8080"), "t").provision("bad id", "", 10))
                .hasMessageContaining("sensor id 'bad id' must be");
    }

    private URI gateway(int status, String answer) throws IOException {
        gateway = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        gateway.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            JsonNode json = body.length == 0 ? null : JSON.readTree(body);
            calls.add(new Call(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestHeaders().getFirst("Content-Type"), json));
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        gateway.start();
        return URI.create("http://127.0.0.1:" + gateway.getAddress().getPort());
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
