package dev.dispatch.iot;

import dev.dispatch.testsupport.broker.ArtemisTestResource;
import dev.dispatch.testsupport.postgres.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Applies to every @QuarkusTest of this module: the real broker in the test JVM and a fresh real database. */
@QuarkusTestResource(ArtemisTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "iot"))
public class TestResources {
}
