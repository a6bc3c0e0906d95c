package dev.dispatch.iot;

import java.util.List;

import dev.dispatch.testsupport.FreeAppPort;
import dev.dispatch.testsupport.broker.ArtemisTestResource;
import dev.dispatch.testsupport.internal.TestInternalKeys;
import dev.dispatch.testsupport.postgres.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * Applies to every @QuarkusTest of this module: the real broker in the test JVM, a fresh real database, a free port
 * chosen up front for the app, at which the tests' gRPC clients find DeviceService and SensorService, and the keys of
 * the callers it trusts (the tests call as an operator, {@link dev.dispatch.iot.support.Operator}).
 */
@QuarkusTestResource(ArtemisTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "iot"))
@QuarkusTestResource(TestResources.AppPort.class)
@QuarkusTestResource(TestInternalKeys.class)
public class TestResources {

    /** The tests' gRPC clients {@code devices} and {@code sensors} call the app itself. */
    public static class AppPort extends FreeAppPort {

        @Override
        protected List<String> grpcClients() {
            return List.of("devices", "sensors");
        }
    }
}
