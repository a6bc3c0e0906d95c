package dev.dispatch.payment;

import dev.dispatch.testsupport.internal.TestInternalKeys;
import dev.dispatch.testsupport.postgres.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Applies to every @QuarkusTest of this module: a fresh real database, and the keys of the callers it trusts. */
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "payments"))
@QuarkusTestResource(TestInternalKeys.class)
public class TestResources {
}
