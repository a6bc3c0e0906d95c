package dev.dispatch.iot;

import dev.dispatch.iot.support.TestAppPort;
import dev.dispatch.testsupport.broker.ArtemisTestResource;
import dev.dispatch.testsupport.postgres.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * Applies to every @QuarkusTest of this module: the real broker in the test JVM, a fresh real database, and a
 * free port chosen up front for the app, at which the tests' gRPC client finds DeviceService.
 */
@QuarkusTestResource(ArtemisTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "iot"))
@QuarkusTestResource(TestAppPort.class)
public class TestResources {
}
