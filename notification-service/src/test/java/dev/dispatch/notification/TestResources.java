package dev.dispatch.notification;

import java.util.List;

import dev.dispatch.testsupport.FreeAppPort;
import dev.dispatch.testsupport.broker.ArtemisTestResource;
import dev.dispatch.testsupport.internal.TestInternalKeys;
import dev.dispatch.testsupport.jwt.TestJwtKeys;
import dev.dispatch.testsupport.postgres.PostgresTestResource;
import dev.dispatch.testsupport.xmpp.ProsodyTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * Applies to every @QuarkusTest of this module: the real broker in the test JVM, a fresh real database, JWT keys, the
 * internal token keys (ChatService trusts the gateway's), a real Prosody (one per JVM), and a free app port at which the
 * tests' gRPC client {@code chat} finds ChatService.
 */
@QuarkusTestResource(ArtemisTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "notifications"))
@QuarkusTestResource(TestJwtKeys.class)
@QuarkusTestResource(TestInternalKeys.class)
@QuarkusTestResource(ProsodyTestResource.class)
@QuarkusTestResource(TestResources.AppPort.class)
public class TestResources {

    public static class AppPort extends FreeAppPort {

        @Override
        protected List<String> grpcClients() {
            return List.of("chat");
        }
    }
}
