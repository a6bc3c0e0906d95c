package dev.dispatch.notification;

import dev.dispatch.testsupport.broker.ArtemisTestResource;
import io.quarkus.test.common.QuarkusTestResource;

/** Applies to every @QuarkusTest of this module: the real broker in the test JVM. */
@QuarkusTestResource(ArtemisTestResource.class)
public class TestResources {
}
