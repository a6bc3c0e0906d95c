package dev.dispatch.order;

import dev.dispatch.order.support.TestAppPort;
import dev.dispatch.testsupport.broker.ArtemisTestResource;
import dev.dispatch.testsupport.internal.TestInternalKeys;
import dev.dispatch.testsupport.postgres.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * Applies to every @QuarkusTest of this module: a fresh real database, the real broker, and a fixed
 * port for the test app, at which its payment client finds the test's PaymentService
 * ({@link dev.dispatch.order.support.FakePaymentService}), and the keys of the internal tokens every call carries.
 */
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "orders"))
@QuarkusTestResource(ArtemisTestResource.class)
@QuarkusTestResource(TestAppPort.class)
@QuarkusTestResource(TestInternalKeys.class)
public class TestResources {
}
