package dev.dispatch.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives the test app a free port chosen before it starts (HTTP and, on the shared server, gRPC), so that gRPC
 * clients of the app itself - a fake of another service served by the test app, or a client of the service under
 * test - can point at it. A service's tests subclass it and name those clients.
 */
public abstract class FreeAppPort implements QuarkusTestResourceLifecycleManager {

    /** The names of the gRPC clients ({@code quarkus.grpc.clients.<name>}) to point at the test app. */
    protected abstract List<String> grpcClients();

    @Override
    public Map<String, String> start() {
        String port = String.valueOf(freePort());
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.http.test-port", port);
        for (String client : grpcClients()) {
            config.put("quarkus.grpc.clients." + client + ".host", "127.0.0.1");
            config.put("quarkus.grpc.clients." + client + ".port", port);
        }
        return config;
    }

    @Override
    public void stop() {
        // nothing held
    }

    /** A port free on the loopback interface right now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for the test app", e);
        }
    }
}
