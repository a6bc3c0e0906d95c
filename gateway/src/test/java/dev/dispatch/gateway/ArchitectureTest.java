package dev.dispatch.gateway;

import org.junit.jupiter.api.Test;

import dev.dispatch.testsupport.arch.ServiceLayers;

/**
 * The gateway's packages by direction of dependency: the two APIs on top (neither imports the other), the gRPC
 * clients of the services behind it below them, the gateway's own rules and values ({@code model}) and settings at
 * the bottom. No use cases of its own: it owns no data, so there is no {@code service} package.
 */
class ArchitectureTest {

    @Test
    void packagesImportOnlyDownwards() {
        ServiceLayers.of("dev.dispatch.gateway")
                .inbound("rest", "graphql")
                .outbound("backend")
                .check();
    }
}
