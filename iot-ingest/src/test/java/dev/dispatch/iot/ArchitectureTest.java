package dev.dispatch.iot;

import org.junit.jupiter.api.Test;

import dev.dispatch.testsupport.arch.ServiceLayers;

/**
 * iot-ingest's packages import only downwards: the protocol adapters (mqtt, coap, grpc, messaging, http) on
 * top, never one another; the use cases (service) below them; the database and the outbox below those; the model
 * and config at the bottom.
 */
class ArchitectureTest {

    @Test
    void packagesImportOnlyDownwards() {
        ServiceLayers.of("dev.dispatch.iot")
                .inbound("mqtt", "coap", "grpc", "messaging", "http")
                .outbound("repository", "outbox", "board")
                .check();
    }
}
