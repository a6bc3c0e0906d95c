package dev.dispatch.notification.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.dispatch.notification.model.TurnCredential;
import dev.dispatch.testsupport.jwt.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * GET /api/calls/ice-servers with STUN and TURN configured (%test: stun:127.0.0.1:3478, two TURN URLs, secret
 * test-turn-secret). Without TURN: service/IceServersTest.
 */
@QuarkusTest
class CallResourceTest {

    static final String PATH = "/api/calls/ice-servers";

    @Test
    void eachPartyGetsStunAndACredentialOfItsOwnForTurn() {
        Instant before = Instant.now();
        JsonPath body = given().auth().oauth2(Tokens.ofGroup("courier-1", "courier"))
                .when().get(PATH)
                .then().statusCode(200).contentType(ContentType.JSON).header("Cache-Control", "no-store")
                .body("iceServers", hasSize(2))
                .body("iceServers[0].urls", contains("stun:127.0.0.1:3478"))
                .body("iceServers[0].username", nullValue())
                .body("iceServers[0].credential", nullValue())
                .body("iceServers[1].urls", contains("turn:127.0.0.1:3478?transport=udp", "turn:127.0.0.1:3478?transport=tcp"))
                .extract().jsonPath();
        Instant expiresAt = Instant.parse(body.getString("expiresAt"));
        assertThat(expiresAt).isBetween(before.plus(Duration.ofMinutes(59)), Instant.now().plus(Duration.ofHours(1)));
        String username = body.getString("iceServers[1].username");
        assertThat(username).isEqualTo(expiresAt.getEpochSecond() + ":courier-1");
        // The same HMAC the TURN server computes from the shared secret (its vector is checked in TurnCredentialTest).
        assertThat(body.getString("iceServers[1].credential"))
                .isEqualTo(TurnCredential.of("test-turn-secret", "courier-1", expiresAt).credential());

        given().auth().oauth2(Tokens.customer("alice")).when().get(PATH).then().statusCode(200)
                .body("iceServers[1].username", org.hamcrest.Matchers.endsWith(":alice"));
        given().auth().oauth2(Tokens.operator("olga")).when().get(PATH).then().statusCode(200);
    }

    @Test
    void withoutAValidTokenItIs401AndOtherRoles403() {
        given().when().get(PATH)
                .then().statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", "Bearer")
                .body("status", is(401));
        given().auth().oauth2(Tokens.expired("alice")).when().get(PATH).then().statusCode(401).contentType("application/problem+json");
        // The query token is for the streaming endpoints only.
        given().queryParam("access_token", Tokens.customer("alice")).when().get(PATH).then().statusCode(401);
        given().auth().oauth2(Tokens.ofGroup("someone", "auditor")).when().get(PATH)
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", is("Only customers, couriers and operators make calls"));
    }
}
