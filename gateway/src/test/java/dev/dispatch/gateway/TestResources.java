package dev.dispatch.gateway;

import dev.dispatch.testsupport.internal.TestInternalKeys;
import dev.dispatch.testsupport.jwt.TestJwtKeys;
import io.quarkus.test.common.QuarkusTestResource;

/**
 * Applies to every @QuarkusTest of this module: the JWT key pair, and the keys of the internal tokens the gateway signs
 * for its gRPC calls. The fake services need no wiring: in tests Quarkus points gRPC clients at the test app's own
 * (random) port, where gRPC is served beside HTTP, and they verify the tokens as the real ones do.
 */
@QuarkusTestResource(TestJwtKeys.class)
@QuarkusTestResource(TestInternalKeys.class)
public class TestResources {
}
