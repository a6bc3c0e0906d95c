package dev.dispatch.broker;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for iot-ingest's {@code POST /internal/broker/device-logins}, for the broker's own tests (the real one,
 * with issued and revoked credentials in PostgreSQL, is tested in iot-ingest and in the system tests): 200 for an
 * issued password, 401 otherwise or without the broker's bearer token.
 */
final class DeviceLoginEndpoint implements AutoCloseable {

    private static final Pattern BODY = Pattern.compile("\\{\"username\":\"([^\"]*)\",\"password\":\"([^\"]*)\"}");

    private final HttpServer server;
    private final String token;
    private final Map<String, String> passwords = new ConcurrentHashMap<>();

    private DeviceLoginEndpoint(HttpServer server, String token) {
        this.server = server;
        this.token = token;
    }

    static DeviceLoginEndpoint start(String token) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        DeviceLoginEndpoint endpoint = new DeviceLoginEndpoint(server, token);
        server.createContext("/internal/broker/device-logins", endpoint::answer);
        server.start();
        return endpoint;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/internal/broker/device-logins";
    }

    void issue(String device, String password) {
        passwords.put(device, password);
    }

    void revoke(String device) {
        passwords.remove(device);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Matcher login = BODY.matcher(body);
            boolean valid = ("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))
                    && login.matches() && login.group(2).equals(passwords.get(login.group(1)));
            exchange.sendResponseHeaders(valid ? 200 : 401, -1);
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
