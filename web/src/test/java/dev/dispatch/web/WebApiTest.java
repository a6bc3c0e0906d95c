package dev.dispatch.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import dev.dispatch.testsupport.jwt.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The web service's own API, with the local login on (as bin/run starts it): page settings, tokens for a chosen
 * name and role that the rest of the system accepts, and the board's broker login for operators only.
 */
@QuarkusTest
class WebApiTest {

    @Test
    void pagesAreServed() {
        for (String page : new String[] {"/", "/board.html", "/track.html", "/courier.html"}) {
            given().get(page).then().statusCode(200).contentType(containsString("text/html"))
                    .body(containsString("<main"));
        }
        for (String module : new String[] {"/js/stomp.js", "/js/calls.js", "/js/call-panel.js", "/js/signalling.js", "/js/call-stats.js"}) {
            given().get(module).then().statusCode(200).contentType(containsString("javascript"));
        }
    }

    @Test
    void settingsSayWhereTheServicesAreAndThatALocalLoginExists() {
        given().get("/api/settings").then().statusCode(200)
                .body("gatewayUrl", equalTo("http://127.0.0.1:8080"))
                .body("notificationUrl", equalTo("http://127.0.0.1:8083"))
                .body("localLogin", equalTo(true));
    }

    @Test
    void anOperatorLogsInLocallyAndGetsTheBoardsBrokerLogin() {
        String token = login("olga", "operator");
        given().auth().oauth2(token).get("/api/board/connection").then().statusCode(200)
                .body("url", equalTo("ws://127.0.0.1:61614"))
                .body("login", equalTo("board"))
                .body("passcode", notNullValue())
                .body("destinations", hasItems("/topic/order-events", "/topic/board.positions"));
    }

    @Test
    void aCustomerGetsNoBrokerLogin() {
        given().auth().oauth2(login("alice", "customer")).get("/api/board/connection").then().statusCode(403)
                .contentType("application/problem+json").body("type", equalTo("/problems/forbidden"));
    }

    @Test
    void theBoardsBrokerLoginNeedsAValidToken() {
        given().get("/api/board/connection").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(Tokens.signedByStranger("mallory")).get("/api/board/connection").then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2(Tokens.expired("olga")).get("/api/board/connection").then().statusCode(401);
    }

    @Test
    void localTokensAreTokensOfTheLocalIssuer() {
        // The test's key pair stands for .dispatch/jwt: what the local login signs, every service verifies.
        given().auth().oauth2(Tokens.operator("olga")).get("/api/board/connection").then().statusCode(200);
        String token = login("olga", "operator");
        String claims = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        org.assertj.core.api.Assertions.assertThat(claims).contains("\"iss\":\"https://dispatch.local\"", "\"sub\":\"olga\"",
                "\"groups\":[\"operator\"]", "\"exp\":");
    }

    @Test
    void aCourierLogsInWithTheirDeviceIdAndGetsACourierToken() {
        String token = login("courier-1", "courier");
        String claims = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        org.assertj.core.api.Assertions.assertThat(claims).contains("\"sub\":\"courier-1\"", "\"groups\":[\"courier\"]");
        // A courier watches no board.
        given().auth().oauth2(token).get("/api/board/connection").then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void aCouriersNameMustBeADeviceId() {
        for (String name : new String[] {"courier@home", "courier:1", "Courier-1", "-courier", "", "c".repeat(65)}) {
            loginRequest("{\"name\":\"" + name + "\",\"role\":\"courier\"}").then().statusCode(400)
                    .contentType("application/problem+json").body("type", equalTo("/problems/validation"));
        }
        loginRequest("{\"name\":\"courier@home\",\"role\":\"courier\"}").then()
                .body("detail", containsString("id of their device"));
        loginRequest("{\"name\":\"alice\",\"role\":\"admin\"}").then().statusCode(400)
                .body("detail", containsString("courier"));
    }

    @Test
    void badLoginsAreProblems() {
        loginRequest("{\"name\":\"a b\",\"role\":\"customer\"}").then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo("/problems/validation"));
        loginRequest("{\"name\":\"alice\",\"role\":\"admin\"}").then().statusCode(400)
                .body("detail", containsString("customer or operator"));
        loginRequest("{\"name\":\"alice\"").then().statusCode(400).contentType("application/problem+json");
        loginRequest("{}").then().statusCode(400);
        given().contentType(ContentType.TEXT).body("alice").post("/api/local-login").then().statusCode(415)
                .contentType("application/problem+json");
    }

    private static String login(String name, String role) {
        return loginRequest("{\"name\":\"" + name + "\",\"role\":\"" + role + "\"}").then().statusCode(200)
                .body("name", equalTo(name)).body("role", equalTo(role))
                .extract().path("token");
    }

    private static io.restassured.response.Response loginRequest(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/local-login");
    }
}
