package dev.dispatch.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.dispatch.gateway.support.Api;
import dev.dispatch.testsupport.jwt.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** The gateway's token verification goes through the cache, and the cache never lets a bad token through. */
@QuarkusTest
class VerifiedTokensTest {

    @Inject
    TokenCache cache;

    @Test
    void aTokenThatVerifiedIsRememberedAndATamperedCopyIsStillRefused() {
        String token = Tokens.operator("cache-" + UUID.randomUUID());
        assertThat(cache.get(token)).isNull();

        Api.as(token).when().get("/api/devices").then().statusCode(200);
        assertThat(cache.get(token)).as("remembered after it verified").isNotNull();
        Api.as(token).when().get("/api/devices").then().statusCode(200);

        String[] parts = token.split("\\.");
        String otherPayload = Tokens.operator("someone-else").split("\\.")[1];
        String tampered = parts[0] + "." + otherPayload + "." + parts[2];
        Api.badRequestAs(tampered).when().get("/api/devices").then().statusCode(401);
        assertThat(cache.get(tampered)).isNull();
    }

    @Test
    void refusedTokensAreNotRemembered() {
        for (String token : new String[] { Tokens.expired("cache-expired"), Tokens.signedByStranger("cache-stranger") }) {
            Api.badRequestAs(token).when().get("/api/devices").then().statusCode(401);
            assertThat(cache.get(token)).isNull();
        }
    }
}
