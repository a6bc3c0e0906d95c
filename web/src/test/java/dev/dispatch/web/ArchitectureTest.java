package dev.dispatch.web;

import org.junit.jupiter.api.Test;

import dev.dispatch.testsupport.arch.ServiceLayers;

/** The web service's packages import only downwards: rest on top, the token signing (service), config at the bottom. */
class ArchitectureTest {

    @Test
    void packagesImportOnlyDownwards() {
        ServiceLayers.of("dev.dispatch.web").inbound("rest").check();
    }
}
