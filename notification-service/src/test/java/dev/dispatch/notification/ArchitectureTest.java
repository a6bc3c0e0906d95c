package dev.dispatch.notification;

import org.junit.jupiter.api.Test;

import dev.dispatch.testsupport.arch.ServiceLayers;

/**
 * Packages import only downwards: the inbound adapters (one per protocol) on top, the use cases, the outbound
 * ports, the domain model and settings at the bottom; no inbound package imports another.
 */
class ArchitectureTest {

    @Test
    void packagesImportOnlyDownwards() {
        ServiceLayers.of("dev.dispatch.notification")
                .inbound("messaging", "websocket", "sse", "rest", "grpc", "signalling")
                .outbound("repository", "xmpp")
                .check();
    }
}
