package dev.dispatch.order;

import org.junit.jupiter.api.Test;

import dev.dispatch.testsupport.arch.ServiceLayers;

/** The layering rule (see ServiceLayers): packages import only downwards, and every class is in a layer. */
class ArchitectureTest {

    @Test
    void packagesImportOnlyDownwards() {
        ServiceLayers.of("dev.dispatch.order")
                .inbound("grpc", "messaging")
                .outbound("repository", "outbox", "payment")
                .check();
    }
}
