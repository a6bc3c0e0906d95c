package dev.dispatch.web;

import dev.dispatch.testsupport.jwt.TestJwtKeys;
import io.quarkus.test.common.QuarkusTestResource;

/** Every @QuarkusTest here: a fresh JWT key pair (the local login signs with its private half). */
@QuarkusTestResource(TestJwtKeys.class)
public class TestResources {
}
