package dev.dispatch.gateway.support;

import java.util.Map;

import dev.dispatch.testsupport.FreeAppPort;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Fixes the test app's HTTP port to a free one before it starts. The gRPC clients find their instances through Stork,
 * which reads its address lists when the app starts, before a random port (test-port 0) would be known; the app serves
 * the fakes of all four services itself, so the lists name this port (application.properties, %test).
 */
public class FreeTestPort implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.http.test-port", String.valueOf(freePort()));
    }

    @Override
    public void stop() {
    }

    /** A port nothing listens on now (the socket is closed again). */
    public static int freePort() {
        return FreeAppPort.freePort();
    }
}
