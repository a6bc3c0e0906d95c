package dev.dispatch.notification;

import dev.dispatch.testsupport.broker.ArtemisTestResource;
import dev.dispatch.testsupport.jwt.TestJwtKeys;
import dev.dispatch.testsupport.postgres.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Applies to every @QuarkusTest of this module: the real broker in the test JVM, a fresh real database, JWT keys. */
@QuarkusTestResource(ArtemisTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "notifications"))
@QuarkusTestResource(TestJwtKeys.class)
public class TestResources {
}
