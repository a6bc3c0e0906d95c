package dev.dispatch.simulator.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The two ends of a device's own login in one small HTTP server: the gateway's {@code POST
 * /api/devices/{id}/credentials} (an operator's token in, a fresh password out, the old one replaced) and iot-ingest's
 * {@code POST /internal/broker/device-logins}, which a broker started with {@code withDeviceLogins(deviceLoginsUrl(),
 * token)} asks on every device's connect (200 for the password last issued, 401 otherwise). The real ones are tested in
 * gateway and iot-ingest; this plays them as they answer.
 */
public final class DeviceLoginsStandIn implements AutoCloseable {

    /** One login the broker asked about, and whether it was let in. */
    public record Login(String username, boolean accepted) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final String operatorToken;
    private final String brokerToken;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    private final Queue<String> issued = new ConcurrentLinkedQueue<>();
    private final Queue<Login> logins = new ConcurrentLinkedQueue<>();
    private volatile boolean refuseLogins;
    private volatile int refusalStatus;
    private volatile String refusalBody = "";

    private DeviceLoginsStandIn(String operatorToken, String brokerToken) throws IOException {
        this.operatorToken = operatorToken;
        this.brokerToken = brokerToken;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/api/devices/", this::issue);
        server.createContext("/internal/broker/device-logins", this::login);
        server.start();
    }

    public static DeviceLoginsStandIn start(String operatorToken, String brokerToken) throws IOException {
        return new DeviceLoginsStandIn(operatorToken, brokerToken);
    }

    public URI gatewayUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public String deviceLoginsUrl() {
        return gatewayUrl() + "/internal/broker/device-logins";
    }

    /** From now on the gateway answers every request for credentials with this status and body (a problem+json). */
    public void refuseWith(int status, String problem) {
        refusalBody = problem;
        refusalStatus = status;
    }

    /** Issues and lets in again, as after {@link #start}; what was issued stays valid. */
    public void reset() {
        refuseLogins = false;
        refusalStatus = 0;
    }

    /** From now on no device gets in, whatever it was issued: as if the broker asked another iot-ingest. */
    public void refuseLogins() {
        refuseLogins = true;
    }

    /** As {@code DELETE /api/devices/{id}/credentials}: the device's password stops working. */
    public void revoke(String deviceId) {
        passwords.remove(deviceId);
    }

    /** The devices credentials were issued for, in the order asked, once per issue. */
    public List<String> issued() {
        return List.copyOf(issued);
    }

    public List<Login> logins() {
        return List.copyOf(logins);
    }

    private void issue(HttpExchange exchange) throws IOException {
        try {
            String[] path = exchange.getRequestURI().getPath().split("/");
            if (path.length != 5 || !"credentials".equals(path[4]) || !"POST".equals(exchange.getRequestMethod())) {
                answer(exchange, 404, "{\"title\":\"Not found\"}");
                return;
            }
            if (!("Bearer " + operatorToken).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                answer(exchange, 401, "");
                return;
            }
            if (refusalStatus != 0) {
                answer(exchange, refusalStatus, refusalBody);
                return;
            }
            String deviceId = path[3];
            String password = password();
            passwords.put(deviceId, password);
            issued.add(deviceId);
            exchange.getResponseHeaders().add("Cache-Control", "no-store");
            answer(exchange, 201, JSON.createObjectNode().put("deviceId", deviceId).put("username", deviceId)
                    .put("password", password).toString());
        } finally {
            exchange.close();
        }
    }

    private void login(HttpExchange exchange) throws IOException {
        try {
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            String username = body.path("username").asText();
            boolean accepted = !refuseLogins && ("Bearer " + brokerToken).equals(exchange.getRequestHeaders().getFirst("Authorization"))
                    && body.path("password").asText().equals(passwords.get(username));
            logins.add(new Login(username, accepted));
            exchange.sendResponseHeaders(accepted ? 200 : 401, -1);
        } finally {
            exchange.close();
        }
    }

    private String password() {
        StringBuilder password = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
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

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
