package dev.dispatch.gateway;

import dev.dispatch.gateway.support.FreeTestPort;
import dev.dispatch.testsupport.internal.TestInternalKeys;
import dev.dispatch.testsupport.jwt.TestJwtKeys;
import io.quarkus.test.common.QuarkusTestResource;

/**
 * Applies to every @QuarkusTest of this module: the JWT key pair, and the keys of the internal tokens the gateway signs
 * for its gRPC calls, and a free HTTP port fixed before the app starts: the gRPC clients' Stork address lists name it
 * (application.properties, %test), since the test app serves the fakes of all four services beside HTTP; they verify
 * the tokens as the real ones do.
 */
@QuarkusTestResource(TestJwtKeys.class)
@QuarkusTestResource(TestInternalKeys.class)
@QuarkusTestResource(FreeTestPort.class)
public class TestResources {
}
