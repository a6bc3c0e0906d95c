package dev.dispatch.payment;

import org.junit.jupiter.api.Test;

import dev.dispatch.testsupport.arch.ServiceLayers;

/** The layering rule of every service (see ServiceLayers): packages import only downwards. */
class ArchitectureTest {

    @Test
    void packagesImportOnlyDownwards() {
        ServiceLayers.of("dev.dispatch.payment")
                .inbound("grpc")
                .outbound("repository")
                .check();
    }
}
