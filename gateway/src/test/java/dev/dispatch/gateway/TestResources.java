package dev.dispatch.gateway;

import dev.dispatch.testsupport.jwt.TestJwtKeys;
import io.quarkus.test.common.QuarkusTestResource;

/**
 * Applies to every @QuarkusTest of this module: the JWT key pair. The fake OrderService needs no wiring: in tests
 * Quarkus points gRPC clients at the test app's own (random) port, where gRPC is served beside HTTP.
 */
@QuarkusTestResource(TestJwtKeys.class)
public class TestResources {
}
