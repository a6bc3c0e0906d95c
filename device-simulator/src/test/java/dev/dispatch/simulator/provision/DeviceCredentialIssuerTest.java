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
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.dispatch.simulator.contract.DeviceCredentials;

/** Issuing devices' MQTT logins over real HTTP; the gateway is played by a small server that answers as the real one does. */
class DeviceCredentialIssuerTest {

    record Call(String method, String path, String authorization, int bodyBytes) {
    }

    @FunctionalInterface
    interface Handler {
        void answer(HttpExchange exchange, String deviceId) throws Exception;
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private HttpServer gateway;

    @AfterEach
    void close() {
        stop();
        threads.shutdownNow();
    }

    void stop() {
        if (gateway != null) {
            gateway.stop(0);
        }
    }

    @Test
    void postsWithTheOperatorsTokenAndReturnsTheDevicesOwnLogin() throws Exception {
        URI url = gateway((exchange, id) -> answer(exchange, 201,
                "{\"deviceId\":\"" + id + "\",\"username\":\"" + id + "\",\"password\":\"q3Rk8ZyB2mXw7LpN4vTd9HsCa1Ue5GjW\"}"));

        DeviceCredentials credentials = new DeviceCredentialIssuer(url, " the.operator.jwt ").issue("courier-1");

        assertThat(credentials).isEqualTo(new DeviceCredentials("courier-1", "courier-1", "q3Rk8ZyB2mXw7LpN4vTd9HsCa1Ue5GjW"));
        assertThat(credentials.toString()).doesNotContain("q3Rk8ZyB2mXw7LpN4vTd9HsCa1Ue5GjW");
        assertThat(calls).containsExactly(new Call("POST", "/api/devices/courier-1/credentials", "Bearer the.operator.jwt", 0));
    }

    @Test
    void refusalsNameTheDeviceTheStatusAndWhatTheGatewaySaid() throws Exception {
        assertThatThrownBy(() -> issuer(401, "").issue("courier-1")).hasMessage("the gateway answered 401 to issuing MQTT credentials "
                + "for courier-1 (the operator token was refused: make a fresh one with bin/token operator NAME)");
        stop();
        assertThatThrownBy(() -> issuer(403, "{\"type\":\"/problems/forbidden\",\"title\":\"Forbidden\",\"status\":403,"
                + "\"detail\":\"operators only\"}").issue("courier-2"))
                .hasMessage("the gateway answered 403 to issuing MQTT credentials for courier-2: Forbidden: operators only "
                        + "(the token is not an operator's: issuing device credentials is for operators)");
        stop();
        assertThatThrownBy(() -> issuer(404, "{\"title\":\"Not found\",\"detail\":\"no device courier-3\"}").issue("courier-3"))
                .hasMessage("the gateway answered 404 to issuing MQTT credentials for courier-3: Not found: no device courier-3 "
                        + "(an id the gateway does not take, or a gateway without POST /api/devices/{id}/credentials)");
        stop();
        assertThatThrownBy(() -> issuer(503, "{\"title\":\"Service unavailable\",\"detail\":\"iot-ingest is not reachable\"}")
                .issue("courier-4"))
                .hasMessage("the gateway answered 503 to issuing MQTT credentials for courier-4: Service unavailable: iot-ingest is not reachable");
        stop();
        assertThatThrownBy(() -> issuer(500, "").issue("courier-5"))
                .hasMessage("the gateway answered 500 to issuing MQTT credentials for courier-5");
    }

    @Test
    void anAnswerADeviceCouldNotLogInWithIsRefused() throws Exception {
        assertThatThrownBy(() -> issuer(201, "{\"deviceId\":\"courier-1\",\"username\":\"courier-1\"}").issue("courier-1"))
                .hasMessage("the gateway's answer to issuing MQTT credentials for courier-1 has no username and password");
        stop();
        assertThatThrownBy(() -> issuer(201, "{\"deviceId\":\"courier-9\",\"username\":\"courier-9\",\"password\":\"p\"}").issue("courier-1"))
                .hasMessage("asked to issue credentials for courier-1, the gateway issued them for courier-9");
        stop();
        assertThatThrownBy(() -> issuer(201, "{\"deviceId\":\"courier-1\",\"username\":\"dispatch\",\"password\":\"p\"}").issue("courier-1"))
                .hasMessage("the gateway issued courier-1 the username 'dispatch': a device logs in as its own id");
        stop();
        assertThatThrownBy(() -> issuer(201, "<html>").issue("courier-1"))
                .hasMessage("the gateway's answer to issuing MQTT credentials for courier-1 is not JSON");
    }

    @Test
    void aGatewayThatIsNotThereIsSaidSoWithTheDevicesAddress() {
        URI nowhere = URI.create("http://127.0.0.1:" + closedPort());

        assertThatThrownBy(() -> new DeviceCredentialIssuer(nowhere, "t").issue("courier-1"))
                .hasMessage("cannot reach the gateway at " + nowhere + "/api/devices/courier-1/credentials (connection refused): is it running?");
    }

    @Test
    void badArgumentsAndIdsTheBrokerWouldNotTakeAreRefusedBeforeAnyCall() throws Exception {
        URI url = gateway((exchange, id) -> answer(exchange, 500, ""));
        assertThatThrownBy(() -> new DeviceCredentialIssuer(URI.create("ftp://x"), "t")).hasMessageContaining("must be http(s)://host:port");
        assertThatThrownBy(() -> new DeviceCredentialIssuer(url, " ")).hasMessageContaining("an operator token is required");
        assertThatThrownBy(() -> new DeviceCredentialIssuer(url, "t").issue("bad id")).hasMessageContaining("device id 'bad id' must be");
        // Fine by the MQTT contract, but a dot would split the broker's address devices.{id}.telemetry.
        assertThatThrownBy(() -> new DeviceCredentialIssuer(url, "t").issueAll(List.of("courier-1", "van.7"), 16))
                .hasMessage("device id 'van.7' cannot log in to the broker as itself: a device's login is 1 to 64 letters, digits, "
                        + "'_' or '-', starting with a letter or digit");
        assertThat(calls).isEmpty();
    }

    @Test
    void manyDevicesAreIssuedSixteenAtATimeAndReturnedInOrder() throws Exception {
        // Each request waits until 16 are in the gateway at once: a client that sent fewer at a time would time out here.
        CyclicBarrier sixteen = new CyclicBarrier(DeviceCredentialIssuer.IN_FLIGHT);
        AtomicInteger inGateway = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        URI url = gateway((exchange, id) -> {
            most.accumulateAndGet(inGateway.incrementAndGet(), Math::max);
            sixteen.await(10, TimeUnit.SECONDS);
            inGateway.decrementAndGet(); // before the answer: the client sends its next request only after one
            answer(exchange, 201, "{\"deviceId\":\"" + id + "\",\"username\":\"" + id + "\",\"password\":\"pw-" + id + "\"}");
        });
        List<String> ids = IntStream.rangeClosed(1, 48).mapToObj(i -> "courier-" + i).toList();

        Map<String, DeviceCredentials> issued = new DeviceCredentialIssuer(url, "t").issueAll(ids, DeviceCredentialIssuer.IN_FLIGHT);

        assertThat(issued.keySet()).containsExactlyElementsOf(ids);
        assertThat(issued.get("courier-48").password()).isEqualTo("pw-courier-48");
        assertThat(calls).hasSize(48);
        assertThat(most.get()).isEqualTo(16);
    }

    @Test
    void theFirstRefusalStopsIssuingAtOnce() throws Exception {
        CountDownLatch others = new CountDownLatch(1);
        URI url = gateway((exchange, id) -> {
            if (!id.equals("courier-1")) {
                others.await(10, TimeUnit.SECONDS); // still busy while the refusal comes back
            }
            answer(exchange, id.equals("courier-1") ? 403 : 201,
                    "{\"deviceId\":\"" + id + "\",\"username\":\"" + id + "\",\"password\":\"p\"}");
        });
        List<String> ids = IntStream.rangeClosed(1, 100).mapToObj(i -> "courier-" + i).toList();

        try {
            assertThatThrownBy(() -> new DeviceCredentialIssuer(url, "t").issueAll(ids, DeviceCredentialIssuer.IN_FLIGHT))
                    .isInstanceOf(GatewayProvisioning.ProvisioningFailed.class)
                    .hasMessageStartingWith("the gateway answered 403 to issuing MQTT credentials for courier-1");
            // Not one request after the refusal: at most the first 16 were sent.
            assertThat(calls).hasSizeLessThanOrEqualTo(16);
        } finally {
            others.countDown();
        }
    }

    private DeviceCredentialIssuer issuer(int status, String body) throws IOException {
        return new DeviceCredentialIssuer(gateway((exchange, id) -> answer(exchange, status, body)), "t");
    }

    private URI gateway(Handler handler) throws IOException {
        gateway = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        gateway.setExecutor(threads);
        gateway.createContext("/", exchange -> {
            try {
                int bodyBytes = exchange.getRequestBody().readAllBytes().length;
                String path = exchange.getRequestURI().getPath();
                calls.add(new Call(exchange.getRequestMethod(), path, exchange.getRequestHeaders().getFirst("Authorization"), bodyBytes));
                handler.answer(exchange, path.split("/")[3]);
            } catch (Exception e) {
                answer(exchange, 599, "stand-in failed: " + e);
            } finally {
                exchange.close();
            }
        });
        gateway.start();
        return URI.create("http://127.0.0.1:" + gateway.getAddress().getPort());
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
