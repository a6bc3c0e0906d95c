package dev.dispatch.iot.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Gives the test app a free port chosen before it starts, so that the tests' gRPC client {@code devices} can point at it. */
public class TestAppPort implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String port = String.valueOf(freePort());
        return Map.of(
                "quarkus.http.test-port", port,
                "quarkus.grpc.clients.devices.host", "127.0.0.1",
                "quarkus.grpc.clients.devices.port", port);
    }

    @Override
    public void stop() {
        // nothing held
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for the test app", e);
        }
    }
}
